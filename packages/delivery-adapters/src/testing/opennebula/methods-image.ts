import { rm, stat, truncate } from 'node:fs/promises';
import { parseTemplate } from '../../opennebula/template';
import type { XmlRpcValue } from '../../opennebula/xmlrpc';
import { createVm } from './methods-vm';
import { CODE, IMAGE, OneFailure, type SimImage, type SimTemplate, type SimUser } from './model';
import { readParams } from './params';
import { datastoreXml, imageXml, templateInfoXml } from './render';
import type { OneSimulator } from './simulator';

const TYPES = ['OS', 'CDROM', 'DATABLOCK', 'KERNEL', 'RAMDISK', 'CONTEXT'];

function parse(method: string, text: string) {
  try {
    return parseTemplate(text);
  } catch (error) {
    throw new OneFailure(CODE.INTERNAL, `[${method}] ${(error as Error).message}`);
  }
}

/** Registers an image: a copy of PATH, or an empty SIZE-MB datablock; LOCKED until the copy is done. */
async function allocateImage(sim: OneSimulator, user: SimUser, text: string, datastore: number): Promise<number> {
  const method = 'one.image.allocate';
  if (datastore !== 1) throw new OneFailure(CODE.NO_EXISTS, `[${method}] Error getting datastore [${datastore}].`, datastore);
  const attributes = Object.fromEntries(parse(method, text).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
  const name = attributes.NAME ?? '';
  if (!name) throw new OneFailure(CODE.ALLOCATE, `[${method}] Error allocating a new image. Invalid NAME, it cannot be empty`);
  const taken = [...sim.images.values()].find((i) => i.name === name && i.uid === user.id);
  if (taken) throw new OneFailure(CODE.ALLOCATE, `[${method}] Error allocating a new image. NAME is already taken by IMAGE ${taken.id}.`);
  const type = TYPES.indexOf((attributes.TYPE ?? 'OS').toUpperCase());
  if (type < 0) throw new OneFailure(CODE.ALLOCATE, `[${method}] Error allocating a new image. Unknown image type ${attributes.TYPE}`);
  if (!attributes.PATH && !attributes.SIZE) throw new OneFailure(CODE.INTERNAL, `[${method}] Cannot parse image SIZE: Wrong number or missing SIZE attribute.`);
  const id = sim.newImageId();
  const template = Object.fromEntries(Object.entries(attributes).filter(([k]) => !['NAME', 'TYPE', 'PATH', 'SIZE', 'FORMAT', 'PERSISTENT', 'SOURCE'].includes(k)));
  const image: SimImage = {
    id, uid: user.id, name, type, persistent: attributes.PERSISTENT?.toUpperCase() === 'YES' ? 1 : 0, regtime: Math.floor(Date.now() / 1000),
    source: '', path: attributes.PATH ?? '', format: attributes.FORMAT ?? '', sizeMb: Number(attributes.SIZE ?? 0), state: IMAGE.LOCKED, prevState: IMAGE.INIT, vms: new Set(), template,
  };
  sim.images.set(id, image);
  sim.later(async () => {
    try {
      if (image.path) {
        await stat(image.path);
        await sim.register(image, image.path);
      } else {
        image.source = sim.datastorePath(sim.imageDatastore);
        await truncate(image.source, image.sizeMb * 1024 * 1024).catch(async () => {
          const { writeFile } = await import('node:fs/promises');
          await writeFile(image.source, '');
          await truncate(image.source, image.sizeMb * 1024 * 1024);
        });
        image.format ||= 'raw';
      }
      image.prevState = image.state;
      image.state = IMAGE.READY;
    } catch (error) {
      image.template.ERROR = `${new Date().toUTCString()} : Error copying image in the datastore: ${(error as Error).message}`;
      image.prevState = image.state;
      image.state = IMAGE.ERROR;
    }
  });
  return id;
}

function template(sim: OneSimulator, method: string, user: SimUser, id: number): SimTemplate {
  const t = sim.templates.get(id);
  if (!t) throw new OneFailure(CODE.NO_EXISTS, `[${method}] Error getting virtual machine template [${id}].`, id);
  // oneadmin's templates are usable by everyone, as providers share them (chmod 604 in OpenNebula).
  if (user.id !== 0 && t.uid !== user.id && t.uid !== 0) throw new OneFailure(CODE.AUTHORIZATION, `[${method}] User [${user.id}] : Not authorized to perform USE TEMPLATE [${id}].`, id);
  return t;
}

export const IMAGE_METHODS: Readonly<Record<string, (sim: OneSimulator, user: SimUser, params: XmlRpcValue[]) => XmlRpcValue | Promise<XmlRpcValue>>> = {
  'one.image.allocate': (sim, user, params) => {
    const [text, datastore] = readParams(params, 'si|b') as [string, number];
    return allocateImage(sim, user, text, datastore);
  },
  'one.image.info': (sim, user, params) => {
    const [id] = readParams(params, 'i|b') as [number];
    const image = sim.image('one.image.info', user, id);
    return imageXml(image, sim.owner(image.uid));
  },
  'one.image.delete': async (sim, user, params) => {
    const [id, force] = readParams(params, 'i|b') as [number, boolean | undefined];
    const image = sim.image('one.image.delete', user, id);
    if (image.vms.size > 0) throw new OneFailure(CODE.ACTION, `[one.image.delete] Cannot delete image. There are ${image.vms.size} VMs using it.`, id);
    if (image.state === IMAGE.LOCKED && !force) throw new OneFailure(CODE.ACTION, '[one.image.delete] Image locked, use --force flag to remove the image. Force delete may leave some files on Datastore', id);
    sim.images.delete(id);
    if (image.source) await rm(image.source, { force: true });
    return id;
  },
  'one.imagepool.info': (sim, user, params) => {
    readParams(params, 'iii');
    const images = [...sim.images.values()].filter((i) => user.id === 0 || i.uid === user.id).sort((a, b) => b.id - a.id);
    return `<IMAGE_POOL>${images.map((i) => imageXml(i, sim.owner(i.uid))).join('')}</IMAGE_POOL>`;
  },
  'one.template.allocate': (sim, user, params) => {
    const [text] = readParams(params, 's') as [string];
    const attributes = parse('one.template.allocate', text);
    const name = attributes.find(([k]) => k === 'NAME')?.[1];
    if (typeof name !== 'string' || !name) throw new OneFailure(CODE.ALLOCATE, '[one.template.allocate] Error allocating a new virtual machine template. Invalid NAME, it cannot be empty');
    const id = sim.newTemplateId();
    sim.templates.set(id, { id, uid: user.id, name, regtime: Math.floor(Date.now() / 1000), attributes: attributes.filter(([k]) => k !== 'NAME') });
    return id;
  },
  'one.template.info': (sim, user, params) => {
    const [id] = readParams(params, 'i|bb') as [number];
    const t = template(sim, 'one.template.info', user, id);
    return templateInfoXml(t, sim.owner(t.uid));
  },
  'one.templatepool.info': (sim, user, params) => {
    readParams(params, 'iii');
    const all = [...sim.templates.values()].filter((t) => user.id === 0 || t.uid === user.id || t.uid === 0).sort((a, b) => b.id - a.id);
    return `<VMTEMPLATE_POOL>${all.map((t) => templateInfoXml(t, sim.owner(t.uid))).join('')}</VMTEMPLATE_POOL>`;
  },
  'one.template.instantiate': (sim, user, params) => {
    const [id, name, hold, extra] = readParams(params, 'isbs|b') as [number, string, boolean, string];
    const t = template(sim, 'one.template.instantiate', user, id);
    return createVm(sim, 'one.template.instantiate', user, [...t.attributes, ...parse('one.template.instantiate', extra)], hold, name);
  },
  'one.template.delete': (sim, user, params) => {
    const [id] = readParams(params, 'i|b') as [number];
    template(sim, 'one.template.delete', user, id);
    sim.templates.delete(id);
    return id;
  },
  'one.datastore.info': (sim, _user, params) => {
    const [id] = readParams(params, 'i|b') as [number];
    if (id !== 0 && id !== 1) throw new OneFailure(CODE.NO_EXISTS, `[one.datastore.info] Error getting datastore [${id}].`, id);
    const used = [...sim.images.values()].reduce((sum, i) => sum + i.sizeMb, 0);
    return id === 0 ? datastoreXml(0, 'system', sim.systemDatastore, 102_400, 0) : datastoreXml(1, 'default', sim.imageDatastore, 102_400, used);
  },
  'one.system.version': () => '6.10.0',
};
