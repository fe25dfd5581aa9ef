/**
 * The login storm of `npm run bench`, in its own process so that its client
 * work does not slow down the autocannon that measures `GET /Auth/Session`.
 * argv[2]: JSON LoadOptions; prints the LoadResult as JSON.
 */
import { load, LoadOptions } from './load';

load(JSON.parse(process.argv[2]) as LoadOptions).then(
  (result) => process.stdout.write(JSON.stringify({ ...result, latencies: undefined })),
  (error: unknown) => {
    process.stderr.write(String(error));
    process.exit(1);
  },
);
