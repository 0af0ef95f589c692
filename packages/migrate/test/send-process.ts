// Sends a disk from its own process (started inside a network namespace by the proof-of-concept
// test): sendDisk's options as JSON in argv[2]; prints its progress, then its result, as JSON lines.
import { sendDisk, type SendDiskOptions } from '@mpli/migrate';

const options = JSON.parse(process.argv[2]!) as SendDiskOptions;
const result = await sendDisk({ ...options, onProgress: (p) => console.log(JSON.stringify({ progress: p })) });
console.log(JSON.stringify({ result }));
