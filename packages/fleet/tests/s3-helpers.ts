// A real S3-compatible server for the fleet tests: @20minutes/s3rver (a devDependency of this
// package, pinned), in this process, on 127.0.0.1, storing into its own temp dir. It checks
// SigV4 header signatures against its key pair (S3RVER / S3RVER): a request signed with
// another secret gets 403 SignatureDoesNotMatch.
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A running server with one bucket. */
export interface S3TestServer {
  endpoint: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  close(): Promise<void>;
}

interface S3rverLike {
  run(): Promise<{ port: number }>;
  close(): Promise<void>;
}

const require = createRequire(import.meta.url);

/** Why the S3 server cannot run here, or undefined. */
export function s3MissingReason(): string | undefined {
  try {
    require.resolve('@20minutes/s3rver');
    return undefined;
  } catch {
    return 'the @20minutes/s3rver devDependency is not installed (run npm run setup)';
  }
}

/** Start a server with bucket `bucket`. */
export async function startS3Server(bucket = 'fleet-test'): Promise<S3TestServer> {
  const S3rver = require('@20minutes/s3rver') as new (o: Record<string, unknown>) => S3rverLike;
  const dir = mkdtempSync(join(tmpdir(), 'codex-fleet-s3-'));
  const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: dir, configureBuckets: [{ name: bucket }] });
  const { port } = await server.run();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    close: async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
