// Which events ring the bell and send an OSC 9 notification: `[tui] notifications` in
// config.toml is `true` (all), `false` (none) or a list of `approval-requested` /
// `agent-turn-complete`. Unset: approvals only.
export type NotificationKind = 'approval-requested' | 'agent-turn-complete';

export function notificationKinds(setting: unknown): Set<NotificationKind> {
  if (setting === true) return new Set(['approval-requested', 'agent-turn-complete']);
  if (setting === false) return new Set();
  if (Array.isArray(setting)) {
    return new Set(setting.filter((k): k is NotificationKind => k === 'approval-requested' || k === 'agent-turn-complete'));
  }
  return new Set(['approval-requested']);
}
