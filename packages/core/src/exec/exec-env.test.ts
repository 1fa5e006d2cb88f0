import { describe, expect, it } from 'vitest';
import { createExecEnv } from './exec-env.js';

const parent = { PATH: '/bin', HOME: '/h', OPENAI_API_KEY: 'k', MY_SECRET: 's', GH_TOKEN: 't', AWS_REGION: 'r', LANG: 'C' };

describe('shell_environment_policy', () => {
  it('inherits all but drops *KEY*/*SECRET*/*TOKEN* by default', () => {
    expect(createExecEnv(undefined, parent)).toEqual({ PATH: '/bin', HOME: '/h', AWS_REGION: 'r', LANG: 'C' });
  });
  it('applies inherit=core, exclude, set and include_only in Codex order', () => {
    expect(createExecEnv({ inherit: 'core', ignore_default_excludes: false, exclude: [], set: { CI: '1' }, include_only: [] }, parent)).toEqual({ PATH: '/bin', HOME: '/h', CI: '1' });
    expect(createExecEnv({ inherit: 'all', ignore_default_excludes: true, exclude: ['AWS_*'], set: {}, include_only: ['*KEY*', 'PATH'] }, parent)).toEqual({ PATH: '/bin', OPENAI_API_KEY: 'k' });
    expect(createExecEnv({ inherit: 'none', ignore_default_excludes: false, exclude: [], set: { ONLY: 'x' }, include_only: [] }, parent)).toEqual({ ONLY: 'x' });
  });
});
