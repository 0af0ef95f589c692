export { MigrationError, type MigrationErrorCode } from './migration-error';
export { convertDisk, inspectDisk, DISK_FORMATS, type DiskExtent, type DiskFormat, type DiskLayout } from './disk/qemu-img';
export { dataWindows, windowCount, WINDOW_BYTES, type DiskPiece, type DiskWindow } from './disk/windows';
export { combineWindowDigests, guestDigest, DISK_DIGEST_SCHEME } from './disk/guest-digest';
export { openJournal, type Journal, type JournalRecord } from './journal';
export { createDiskReceiver, type DiskReceiver, type DiskReceiverOptions } from './transfer/receiver';
export type { ReceivingStatus } from './transfer/receiving-disk';
export { sendDisk, type SendDiskOptions, type SendDiskResult, type TransferProgress } from './transfer/sender';
export { startRelay, type Relay } from './transfer/relay';
