import { copyFile, mkdir } from 'node:fs/promises';
import { parseTemplate, type TemplateValue } from '../../opennebula/template';
import type { XmlRpcValue } from '../../opennebula/xmlrpc';
import { CODE, IMAGE, LCM, OneFailure, STATE, type SimImage, type SimUser, type SimVm } from './model';
import { readParams } from './params';
import { vmXml } from './render';
import type { OneSimulator } from './simulator';

const LCM_NAMES: Record<number, string> = Object.fromEntries(Object.entries(LCM).map(([k, v]) => [v, k]));
const STATE_NAMES: Record<number, string> = Object.fromEntries(Object.entries(STATE).map(([k, v]) => [v, k]));
const stateName = (vm: SimVm) => (vm.state === STATE.ACTIVE ? (LCM_NAMES[vm.lcm] ?? String(vm.lcm)) : (STATE_NAMES[vm.state] ?? String(vm.state)));
const running = (vm: SimVm) => vm.state === STATE.ACTIVE && vm.lcm === LCM.RUNNING;
const unknown = (vm: SimVm) => vm.state === STATE.ACTIVE && vm.lcm === LCM.UNKNOWN;
const failed = (vm: SimVm) => vm.state === STATE.ACTIVE && stateName(vm).endsWith('FAILURE');

/** Makes a VM from a parsed template (allocate and instantiate share it). */
export function createVm(sim: OneSimulator, method: string, user: SimUser, attributes: [string, TemplateValue][], hold: boolean, name?: string): number {
  const single = (key: string) => attributes.find(([k]) => k === key)?.[1];
  const memory = single('MEMORY');
  if (typeof memory !== 'string' || !/^\d+$/.test(memory) || Number(memory) <= 0) throw new OneFailure(CODE.ALLOCATE, `[${method}] Error allocating a new virtual machine. MEMORY attribute must be a positive integer value.`);
  const cpu = single('CPU');
  if (typeof cpu !== 'string' || !(Number(cpu) > 0)) throw new OneFailure(CODE.ALLOCATE, `[${method}] Error allocating a new virtual machine. CPU attribute must be a positive float or integer value.`);
  const id = sim.newVmId();
  const template: Record<string, TemplateValue> = {};
  const userTemplate: Record<string, string> = {};
  const KEPT = ['CPU', 'MEMORY', 'VCPU', 'OS', 'CONTEXT', 'GRAPHICS', 'FEATURES', 'REQUIREMENTS'];
  for (const [key, value] of attributes) {
    if (KEPT.includes(key)) template[key] = value;
    else if (!['DISK', 'NIC', 'NAME'].includes(key) && typeof value === 'string') userTemplate[key] = value;
  }
  const disks = attributes.filter(([k]) => k === 'DISK').map(([, v], diskId) => {
    const imageId = Number((v as Record<string, string>).IMAGE_ID);
    const image = sim.images.get(imageId);
    if (!image) throw new OneFailure(CODE.ALLOCATE, `[${method}] Error allocating a new virtual machine. Image with ID: ${imageId} does not exist`);
    return { diskId, imageId, target: (v as Record<string, string>).TARGET ?? `hd${String.fromCharCode(97 + diskId)}` };
  });
  const nics = attributes.filter(([k]) => k === 'NIC').map(([, v], nicId) => ({ nicId, mac: (v as Record<string, string>).MAC ?? `02:00:0a:00:${(id >> 8).toString(16).padStart(2, '0')}:${(id & 255).toString(16).padStart(2, '0')}` }));
  const locked = disks.some((d) => sim.images.get(d.imageId)!.state === IMAGE.LOCKED);
  const vm: SimVm = {
    id, uid: user.id, name: name || (single('NAME') as string | undefined) || `one-${id}`, state: locked ? STATE.CLONING : hold ? STATE.HOLD : STATE.PENDING, lcm: LCM.LCM_INIT,
    prevState: STATE.INIT, prevLcm: LCM.LCM_INIT, resched: 0, stime: Math.floor(Date.now() / 1000), etime: 0, template, userTemplate, disks, nics,
  };
  sim.vms.set(id, vm);
  if (vm.state === STATE.PENDING) sim.schedule(vm);
  if (vm.state === STATE.CLONING) waitForImages(sim, vm, hold);
  return id;
}

/** CLONING until every disk's image is READY (then HOLD or PENDING), or CLONING_FAILURE. */
function waitForImages(sim: OneSimulator, vm: SimVm, hold: boolean): void {
  sim.later(() => {
    if (vm.state !== STATE.CLONING) return;
    const states = vm.disks.map((d) => sim.images.get(d.imageId)?.state);
    if (states.includes(IMAGE.ERROR)) return sim.set(vm, STATE.CLONING_FAILURE, LCM.LCM_INIT);
    if (states.includes(IMAGE.LOCKED)) return waitForImages(sim, vm, hold);
    sim.set(vm, hold ? STATE.HOLD : STATE.PENDING, LCM.LCM_INIT);
    if (!hold) sim.schedule(vm);
  });
}

/** Moves through `lcms` one step each, then settles in `end`. */
function walk(sim: OneSimulator, vm: SimVm, lcms: readonly number[], end: [number, number], last?: () => Promise<void>): void {
  const [first, ...rest] = lcms;
  if (first === undefined) {
    void (last?.() ?? Promise.resolve()).then(() => sim.set(vm, end[0], end[1]));
    return;
  }
  sim.set(vm, STATE.ACTIVE, first);
  sim.later(() => walk(sim, vm, rest, end, last));
}

type Action = { allowed: (vm: SimVm) => boolean; run: (sim: OneSimulator, vm: SimVm) => void };
const terminate = (hard: boolean): Action => ({
  allowed: (vm) => running(vm) || unknown(vm) || failed(vm) || [STATE.SUSPENDED, STATE.POWEROFF, STATE.STOPPED, STATE.UNDEPLOYED, STATE.INIT, STATE.PENDING, STATE.HOLD, STATE.CLONING, STATE.CLONING_FAILURE, STATE.DONE].includes(vm.state as never) || (hard && vm.state === STATE.ACTIVE && vm.lcm === LCM.SHUTDOWN),
  run: (sim, vm) => {
    if (vm.state === STATE.DONE) return;
    if (vm.state === STATE.ACTIVE) walk(sim, vm, [LCM.SHUTDOWN, LCM.EPILOG], [STATE.DONE, LCM.LCM_INIT], () => sim.epilog(vm));
    else if ([STATE.POWEROFF, STATE.SUSPENDED, STATE.STOPPED, STATE.UNDEPLOYED].includes(vm.state as never)) walk(sim, vm, [LCM.EPILOG], [STATE.DONE, LCM.LCM_INIT], () => sim.epilog(vm));
    else sim.set(vm, STATE.DONE, LCM.LCM_INIT);
  },
});
const ACTIONS: Readonly<Record<string, Action>> = {
  terminate: terminate(false),
  'terminate-hard': terminate(true),
  poweroff: { allowed: (vm) => running(vm) || unknown(vm), run: (sim, vm) => walk(sim, vm, [LCM.SHUTDOWN_POWEROFF], [STATE.POWEROFF, LCM.LCM_INIT]) },
  'poweroff-hard': { allowed: (vm) => running(vm) || unknown(vm) || (vm.state === STATE.ACTIVE && vm.lcm === LCM.SHUTDOWN_POWEROFF), run: (sim, vm) => walk(sim, vm, [LCM.SHUTDOWN_POWEROFF], [STATE.POWEROFF, LCM.LCM_INIT]) },
  undeploy: { allowed: (vm) => running(vm) || unknown(vm) || vm.state === STATE.POWEROFF, run: (sim, vm) => walk(sim, vm, [LCM.SHUTDOWN_UNDEPLOY, LCM.EPILOG_UNDEPLOY], [STATE.UNDEPLOYED, LCM.LCM_INIT]) },
  'undeploy-hard': { allowed: (vm) => running(vm) || unknown(vm) || vm.state === STATE.POWEROFF, run: (sim, vm) => walk(sim, vm, [LCM.SHUTDOWN_UNDEPLOY, LCM.EPILOG_UNDEPLOY], [STATE.UNDEPLOYED, LCM.LCM_INIT]) },
  reboot: { allowed: running, run: () => undefined },
  'reboot-hard': { allowed: running, run: () => undefined },
  suspend: { allowed: running, run: (sim, vm) => walk(sim, vm, [LCM.SAVE_SUSPEND], [STATE.SUSPENDED, LCM.LCM_INIT]) },
  stop: { allowed: (vm) => running(vm) || vm.state === STATE.SUSPENDED, run: (sim, vm) => walk(sim, vm, [LCM.SAVE_STOP, LCM.EPILOG_STOP], [STATE.STOPPED, LCM.LCM_INIT]) },
  hold: { allowed: (vm) => vm.state === STATE.PENDING, run: (sim, vm) => sim.set(vm, STATE.HOLD, LCM.LCM_INIT) },
  release: {
    allowed: (vm) => vm.state === STATE.HOLD,
    run: (sim, vm) => {
      sim.set(vm, STATE.PENDING, LCM.LCM_INIT);
      sim.schedule(vm);
    },
  },
  resume: {
    allowed: (vm) => [STATE.STOPPED, STATE.UNDEPLOYED, STATE.SUSPENDED, STATE.POWEROFF].includes(vm.state as never) || unknown(vm),
    run: (sim, vm) => {
      if (vm.state === STATE.POWEROFF) walk(sim, vm, [LCM.BOOT_POWEROFF], [STATE.ACTIVE, LCM.RUNNING]);
      else if (vm.state === STATE.SUSPENDED) walk(sim, vm, [LCM.BOOT_SUSPENDED], [STATE.ACTIVE, LCM.RUNNING]);
      else if (unknown(vm)) sim.set(vm, STATE.ACTIVE, LCM.RUNNING);
      else {
        sim.set(vm, STATE.PENDING, LCM.LCM_INIT);
        sim.schedule(vm);
      }
    },
  },
  resched: { allowed: (vm) => running(vm) || unknown(vm) || vm.state === STATE.POWEROFF, run: (_sim, vm) => void (vm.resched = 1) },
  unresched: { allowed: (vm) => running(vm) || unknown(vm) || vm.state === STATE.POWEROFF, run: (_sim, vm) => void (vm.resched = 0) },
};

export const VM_METHODS: Readonly<Record<string, (sim: OneSimulator, user: SimUser, params: XmlRpcValue[]) => XmlRpcValue | Promise<XmlRpcValue>>> = {
  'one.vm.allocate': (sim, user, params) => {
    const [text, hold] = readParams(params, 's|b');
    let attributes;
    try {
      attributes = parseTemplate(String(text));
    } catch (error) {
      throw new OneFailure(CODE.INTERNAL, `[one.vm.allocate] ${(error as Error).message}`);
    }
    return createVm(sim, 'one.vm.allocate', user, attributes, hold === true);
  },
  'one.vm.action': (sim, user, params) => {
    const [action, id] = readParams(params, 'si') as [string, number];
    const vm = sim.vm('one.vm.action', user, id);
    const handler = ACTIONS[action];
    if (!handler) throw new OneFailure(CODE.ACTION, `[one.vm.action] Action "${action}" is not supported`, id);
    if (!handler.allowed(vm)) {
      const why = action.startsWith('terminate') ? `Could not terminate VM ${id}, wrong state ${stateName(vm)}.` : `This action is not available for state ${stateName(vm)}`;
      throw new OneFailure(CODE.ACTION, `[one.vm.action] Error performing action "${action}": ${why}`, id);
    }
    handler.run(sim, vm);
    return id;
  },
  'one.vm.info': (sim, user, params) => {
    const [id] = readParams(params, 'i|b') as [number];
    const vm = sim.vm('one.vm.info', user, id);
    return vmXml(vm, sim.owner(vm.uid), sim.images);
  },
  'one.vmpool.info': (sim, user, params) => {
    const [filter, start, end, state] = readParams(params, 'iiii|s') as [number, number, number, number];
    if (filter < -4) throw new OneFailure(CODE.XML_RPC_API, '[one.vmpool.info] Incorrect filter_flag');
    if (state < -2 || state > 11 || state === 7) throw new OneFailure(CODE.XML_RPC_API, '[one.vmpool.info] Incorrect filter_flag, state');
    const mine = (vm: SimVm) => (filter === -2 || filter === -1 ? user.id === 0 || vm.uid === user.id : filter >= 0 ? vm.uid === filter : vm.uid === user.id);
    const inState = (vm: SimVm) => (state === -2 ? true : state === -1 ? vm.state !== STATE.DONE : vm.state === state);
    const inRange = (vm: SimVm) => start === -1 || end < -1 || (vm.id >= start && (end === -1 || vm.id <= end));
    const all = [...sim.vms.values()].filter((vm) => mine(vm) && inState(vm) && inRange(vm)).sort((a, b) => b.id - a.id);
    const page = end < -1 ? all.slice(start, start - end) : all;
    return `<VM_POOL>${page.map((vm) => vmXml(vm, sim.owner(vm.uid), sim.images, true)).join('')}</VM_POOL>`;
  },
  'one.vm.disksaveas': async (sim, user, params) => {
    const [id, diskId, name] = readParams(params, 'iiss|i') as [number, number, string, string];
    const vm = sim.vm('one.vm.disksaveas', user, id);
    const saveable = running(vm) || [STATE.POWEROFF, STATE.SUSPENDED, STATE.UNDEPLOYED, STATE.STOPPED].includes(vm.state as never);
    if (!saveable) throw new OneFailure(CODE.INTERNAL, '[one.vm.disksaveas] VM has to be RUNNING, POWEROFF or SUSPENDED to save disks.', id);
    const disk = vm.disks.find((d) => d.diskId === diskId);
    if (!disk?.path) throw new OneFailure(CODE.ACTION, `[one.vm.disksaveas] VM disk does not exist: DISK_ID ${diskId}`, id);
    const taken = [...sim.images.values()].find((i) => i.name === name && i.uid === user.id);
    if (taken) throw new OneFailure(CODE.ALLOCATE, `[one.vm.disksaveas] Error allocating a new image. NAME is already taken by IMAGE ${taken.id}.`);
    const source = sim.images.get(disk.imageId)!;
    const imageId = sim.newImageId();
    const image: SimImage = { id: imageId, uid: user.id, name, type: 0, persistent: 0, regtime: Math.floor(Date.now() / 1000), source: '', path: '', format: source.format, sizeMb: source.sizeMb, state: IMAGE.LOCKED, prevState: IMAGE.INIT, vms: new Set<number>(), template: { SAVED_VM_ID: String(id), SAVED_DISK_ID: String(diskId) } };
    sim.images.set(imageId, image);
    const [state, lcm] = [vm.state, vm.lcm];
    sim.set(vm, STATE.ACTIVE, vm.state === STATE.POWEROFF ? LCM.HOTPLUG_SAVEAS_POWEROFF : vm.state === STATE.SUSPENDED ? LCM.HOTPLUG_SAVEAS_SUSPENDED : LCM.HOTPLUG_SAVEAS);
    sim.later(async () => {
      await mkdir(sim.imageDatastore, { recursive: true });
      image.source = sim.datastorePath(sim.imageDatastore);
      await copyFile(disk.path!, image.source);
      image.state = IMAGE.READY;
      sim.set(vm, state, lcm);
    });
    return imageId;
  },
};
