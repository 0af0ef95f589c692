// Sends a disk from its own process, printing a line per window, so a test can kill it with SIGKILL.
import { sendDisk } from '@mpli/migrate';

const [path, url, id] = process.argv.slice(2) as [string, string, string];
await sendDisk({ path, url, id, concurrency: 1, onProgress: (p) => console.log(JSON.stringify(p)) });
