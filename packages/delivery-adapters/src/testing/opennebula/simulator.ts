import { createHash, randomBytes } from 'node:crypto';
import { copyFile, mkdir, open, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { CODE, IMAGE, LCM, OneFailure, STATE, type SimImage, type SimTemplate, type SimUser, type SimVm } from './model';

/**
 * The state of a simulated OpenNebula front-end and its lifecycle: users, VMs, images (files in a
 * datastore folder) and templates. Transitions take `stepMs` each, as oned's drivers would take
 * time: PENDING → PROLOG (disks copied to the system datastore) → BOOT → RUNNING, and so on.
 */
export class OneSimulator {
  readonly users: SimUser[];
  readonly vms = new Map<number, SimVm>();
  readonly images = new Map<number, SimImage>();
  readonly templates = new Map<number, SimTemplate>();
  private nextVm = 0;
  private nextImage = 0;
  private nextTemplate = 0;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    readonly root: string,
    users: readonly { name: string; password: string }[],
    readonly stepMs: number,
    /** Host memory the scheduler can place VMs in (MiB). */
    readonly hostMemoryMiB: number,
  ) {
    this.users = users.map((u, id) => ({ id, ...u }));
  }

  get imageDatastore(): string {
    return join(this.root, 'datastores', '1');
  }

  get systemDatastore(): string {
    return join(this.root, 'datastores', '0');
  }

  newVmId = () => this.nextVm++;
  newImageId = () => this.nextImage++;
  newTemplateId = () => this.nextTemplate++;

  /** The user a `user:password` session names, or an AUTHENTICATION failure. */
  authenticate(method: string, session: string): SimUser {
    const at = session.indexOf(':');
    const user = this.users.find((u) => u.name === session.slice(0, at) && u.password === session.slice(at + 1));
    if (at < 0 || !user) throw new OneFailure(CODE.AUTHENTICATION, `[${method}] User couldn't be authenticated, aborting call.`);
    return user;
  }

  owner(uid: number): SimUser {
    return this.users.find((u) => u.id === uid) ?? this.users[0]!;
  }

  /** A VM the user may manage, or NO_EXISTS / AUTHORIZATION. */
  vm(method: string, user: SimUser, id: number): SimVm {
    const vm = this.vms.get(id);
    if (!vm) throw new OneFailure(CODE.NO_EXISTS, `[${method}] Error getting virtual machine [${id}].`, id);
    if (user.id !== 0 && vm.uid !== user.id) throw new OneFailure(CODE.AUTHORIZATION, `[${method}] User [${user.id}] : Not authorized to perform MANAGE VM [${id}].`, id);
    return vm;
  }

  image(method: string, user: SimUser, id: number): SimImage {
    const image = this.images.get(id);
    if (!image) throw new OneFailure(CODE.NO_EXISTS, `[${method}] Error getting image [${id}].`, id);
    if (user.id !== 0 && image.uid !== user.id) throw new OneFailure(CODE.AUTHORIZATION, `[${method}] User [${user.id}] : Not authorized to perform MANAGE IMAGE [${id}].`, id);
    return image;
  }

  /** Runs `then` after one driver step (all pending steps stop when the simulator closes). */
  later(then: () => void | Promise<void>, steps = 1): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void Promise.resolve(then()).catch(() => undefined);
    }, this.stepMs * steps);
    this.timers.add(timer);
  }

  set(vm: SimVm, state: number, lcm: number): void {
    vm.prevState = vm.state;
    vm.prevLcm = vm.lcm;
    vm.state = state;
    vm.lcm = lcm;
    if (state === STATE.DONE) vm.etime = Math.floor(Date.now() / 1000);
  }

  /** A new file name in a datastore, as the fs driver makes them (an md5). */
  datastorePath(dir: string): string {
    return join(dir, createHash('md5').update(randomBytes(16)).digest('hex'));
  }

  /** Copies a file into the image datastore; resolves with its size (MB, rounded up) and format. */
  async register(image: SimImage, from: string): Promise<void> {
    await mkdir(this.imageDatastore, { recursive: true });
    const target = this.datastorePath(this.imageDatastore);
    await copyFile(from, target);
    const size = (await stat(target)).size;
    const handle = await open(target, 'r');
    const magic = Buffer.alloc(4);
    await handle.read(magic, 0, 4, 0);
    await handle.close();
    image.source = target;
    image.sizeMb = Math.max(1, Math.ceil(size / (1024 * 1024)));
    image.format ||= magic.toString('latin1') === 'QFI\xfb' ? 'qcow2' : 'raw';
  }

  /** The scheduler and the PROLOG: place the VM, copy its disks, boot it. */
  schedule(vm: SimVm): void {
    this.later(async () => {
      if (vm.state !== STATE.PENDING) return;
      const memory = Number(vm.template.MEMORY ?? 0);
      const used = [...this.vms.values()].filter((v) => v.state === STATE.ACTIVE).reduce((sum, v) => sum + Number(v.template.MEMORY ?? 0), 0);
      if (memory + used > this.hostMemoryMiB) {
        vm.userTemplate.SCHED_MESSAGE = `${new Date().toUTCString()} : Cannot dispatch VM: No host with enough capacity to deploy the VM`;
        return this.schedule(vm);
      }
      delete vm.userTemplate.SCHED_MESSAGE;
      this.set(vm, STATE.ACTIVE, LCM.PROLOG);
      try {
        await mkdir(join(this.systemDatastore, String(vm.id)), { recursive: true });
        for (const disk of vm.disks) {
          const image = this.images.get(disk.imageId)!;
          disk.path = join(this.systemDatastore, String(vm.id), `disk.${disk.diskId}`);
          await copyFile(image.source, disk.path);
          image.vms.add(vm.id);
          if (image.state === IMAGE.READY) image.state = IMAGE.USED;
        }
      } catch (error) {
        vm.userTemplate.ERROR = `Error executing image transfer script: ${(error as Error).message}`;
        return this.set(vm, STATE.ACTIVE, LCM.PROLOG_FAILURE);
      }
      this.later(() => {
        if (vm.lcm !== LCM.PROLOG) return;
        this.set(vm, STATE.ACTIVE, LCM.BOOT);
        this.later(() => {
          if (vm.lcm === LCM.BOOT) this.set(vm, STATE.ACTIVE, LCM.RUNNING);
        });
      });
    });
  }

  /** EPILOG: the VM's disks leave the system datastore; its images are free again. */
  async epilog(vm: SimVm): Promise<void> {
    await rm(join(this.systemDatastore, String(vm.id)), { recursive: true, force: true });
    for (const disk of vm.disks) {
      const image = this.images.get(disk.imageId);
      if (!image) continue;
      image.vms.delete(vm.id);
      if (image.vms.size === 0 && image.state === IMAGE.USED) image.state = IMAGE.READY;
    }
  }

  close(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
