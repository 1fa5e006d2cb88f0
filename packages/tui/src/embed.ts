/** @codex-ts/tui/embed: the TUI's parts for embedders, benchmarks and tests (not on the start-up path). */
export { runTui } from './start.js';
export { permissionsFromFlags } from './run-tui.js';
export type { SessionChoice, TuiIo, TuiOptions } from './options.js';
// The controller and the two renderers.
export { App, type AppDeps, type Engine } from './app/app.js';
export { InlineRenderer, type LiveFrame, type TermOut } from './term/inline-renderer.js';
export { AltScreenRenderer } from './term/alt-renderer.js';
export type { Overlay, OverlayResult, SessionActions } from './app/overlay.js';
// Session lifecycle and onboarding pieces.
export { SessionHost, type SessionSpec, type SessionHostOptions } from './sessions/session-host.js';
export { ResumePicker, relativeTime, humanSize, type PickerSession } from './sessions/resume-picker.js';
export { setProjectTrusted, withTrustedProject, TrustConfigError } from './onboarding/trust-config.js';
export { TuiError, type TuiErrorCode } from './errors.js';
export { onboardingNeeds, type OnboardingNeeds } from './onboarding/steps.js';
