// A disk sender in its own process, for the kill-and-resume run of pnpm bench migrate: prints a
// line per window sent, so the bench can kill it with SIGKILL part way.
import { sendDisk } from '@mpli/migrate';

const [path, url, id] = process.argv.slice(2) as [string, string, string];
await sendDisk({ path, url, id, onProgress: (p) => console.log(JSON.stringify(p)) });
console.log(JSON.stringify({ done: true }));
