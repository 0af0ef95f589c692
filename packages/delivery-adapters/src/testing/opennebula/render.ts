import type { TemplateValue } from '../../opennebula/template';
import { STATE, type SimImage, type SimTemplate, type SimUser, type SimVm } from './model';

// The XML oned returns: top-level scalars raw, template values in CDATA, template attributes in
// alphabetical order (oned keeps them in a std::multimap).

const cdata = (value: string) => `<![CDATA[${value.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const PERMISSIONS = '<PERMISSIONS><OWNER_U>1</OWNER_U><OWNER_M>1</OWNER_M><OWNER_A>0</OWNER_A><GROUP_U>0</GROUP_U><GROUP_M>0</GROUP_M><GROUP_A>0</GROUP_A><OTHER_U>0</OTHER_U><OTHER_M>0</OTHER_M><OTHER_A>0</OTHER_A></PERMISSIONS>';

function templateXml(tag: string, attributes: readonly (readonly [string, TemplateValue])[]): string {
  const sorted = [...attributes].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const body = sorted.map(([name, value]) => (typeof value === 'string' ? `<${name}>${cdata(value)}</${name}>` : `<${name}>${Object.keys(value).sort().map((k) => `<${k}>${cdata(value[k]!)}</${k}>`).join('')}</${name}>`));
  return `<${tag}>${body.join('')}</${tag}>`;
}

function vmTemplate(vm: SimVm, images: ReadonlyMap<number, SimImage>): [string, TemplateValue][] {
  return [
    ...Object.entries(vm.template),
    ...vm.disks.map((d): [string, TemplateValue] => {
      const image = images.get(d.imageId);
      return ['DISK', { DISK_ID: String(d.diskId), IMAGE_ID: String(d.imageId), ...(image ? { IMAGE: image.name, FORMAT: image.format, SIZE: String(image.sizeMb), ORIGINAL_SIZE: String(image.sizeMb) } : {}), SOURCE: d.path ?? image?.source ?? '', TARGET: d.target, DATASTORE_ID: '1', CLONE: 'YES', SAVE: 'NO', PERSISTENT: 'NO' }];
    }),
    ...vm.nics.map((n): [string, TemplateValue] => ['NIC', { MAC: n.mac, NAME: `NIC${n.nicId}`, NIC_ID: String(n.nicId) }]),
    ['VMID', String(vm.id)],
  ];
}

/** `one.vm.info`: the extended body. `short` gives the pool form (no PERMISSIONS, no PREV_*). */
export function vmXml(vm: SimVm, owner: SimUser, images: ReadonlyMap<number, SimImage>, short = false): string {
  return [
    `<VM><ID>${vm.id}</ID><UID>${vm.uid}</UID><GID>0</GID><UNAME>${escape(owner.name)}</UNAME><GNAME>oneadmin</GNAME><NAME>${escape(vm.name)}</NAME>`,
    short ? '' : PERMISSIONS,
    `<LAST_POLL>0</LAST_POLL><STATE>${vm.state}</STATE><LCM_STATE>${vm.lcm}</LCM_STATE>`,
    short ? '' : `<PREV_STATE>${vm.prevState}</PREV_STATE><PREV_LCM_STATE>${vm.prevLcm}</PREV_LCM_STATE>`,
    `<RESCHED>${vm.resched}</RESCHED><STIME>${vm.stime}</STIME><ETIME>${vm.etime}</ETIME><DEPLOY_ID>${vm.state === STATE.ACTIVE ? `one-${vm.id}` : ''}</DEPLOY_ID><MONITORING></MONITORING>`,
    short ? '' : '<SCHED_ACTIONS></SCHED_ACTIONS>',
    templateXml('TEMPLATE', vmTemplate(vm, images)),
    templateXml('USER_TEMPLATE', Object.entries(vm.userTemplate)),
    '<HISTORY_RECORDS/>',
    short ? '' : '<BACKUPS><BACKUP_CONFIG/><BACKUP_IDS></BACKUP_IDS></BACKUPS>',
    '</VM>',
  ].join('');
}

/** `one.image.info`. */
export function imageXml(image: SimImage, owner: SimUser): string {
  return [
    `<IMAGE><ID>${image.id}</ID><UID>${image.uid}</UID><GID>0</GID><UNAME>${escape(owner.name)}</UNAME><GNAME>oneadmin</GNAME><NAME>${escape(image.name)}</NAME>${PERMISSIONS}`,
    `<TYPE>${image.type}</TYPE><DISK_TYPE>0</DISK_TYPE><PERSISTENT>${image.persistent}</PERSISTENT><REGTIME>${image.regtime}</REGTIME>`,
    `<SOURCE>${cdata(image.source)}</SOURCE><PATH>${cdata(image.path)}</PATH><FORMAT>${cdata(image.format)}</FORMAT><FS>${cdata('')}</FS><SIZE>${image.sizeMb}</SIZE>`,
    `<STATE>${image.state}</STATE><PREV_STATE>${image.prevState}</PREV_STATE><RUNNING_VMS>${image.vms.size}</RUNNING_VMS><CLONING_OPS>0</CLONING_OPS><CLONING_ID>-1</CLONING_ID><TARGET_SNAPSHOT>-1</TARGET_SNAPSHOT>`,
    `<DATASTORE_ID>1</DATASTORE_ID><DATASTORE>default</DATASTORE><VMS>${[...image.vms].map((id) => `<ID>${id}</ID>`).join('')}</VMS><CLONES></CLONES><APP_CLONES></APP_CLONES>`,
    templateXml('TEMPLATE', Object.entries(image.template)),
    `<SNAPSHOTS><ALLOW_ORPHANS>${cdata('NO')}</ALLOW_ORPHANS><CURRENT_BASE>${cdata('-1')}</CURRENT_BASE><NEXT_SNAPSHOT>${cdata('0')}</NEXT_SNAPSHOT></SNAPSHOTS><BACKUP_INCREMENTS></BACKUP_INCREMENTS><BACKUP_DISK_IDS></BACKUP_DISK_IDS></IMAGE>`,
  ].join('');
}

/** `one.template.info`. */
export function templateInfoXml(t: SimTemplate, owner: SimUser): string {
  return `<VMTEMPLATE><ID>${t.id}</ID><UID>${t.uid}</UID><GID>0</GID><UNAME>${escape(owner.name)}</UNAME><GNAME>oneadmin</GNAME><NAME>${escape(t.name)}</NAME>${PERMISSIONS}<REGTIME>${t.regtime}</REGTIME>${templateXml('TEMPLATE', t.attributes)}</VMTEMPLATE>`;
}

/** `one.datastore.info` for the simulator's file datastores. */
export function datastoreXml(id: number, name: string, basePath: string, totalMb: number, usedMb: number): string {
  return `<DATASTORE><ID>${id}</ID><UID>0</UID><GID>0</GID><UNAME>oneadmin</UNAME><GNAME>oneadmin</GNAME><NAME>${name}</NAME>${PERMISSIONS}<DS_MAD>${cdata('fs')}</DS_MAD><TM_MAD>${cdata('shared')}</TM_MAD><BASE_PATH>${cdata(basePath)}</BASE_PATH><TYPE>${id === 0 ? 1 : 0}</TYPE><DISK_TYPE>0</DISK_TYPE><STATE>0</STATE><CLUSTERS><ID>0</ID></CLUSTERS><TOTAL_MB>${totalMb}</TOTAL_MB><FREE_MB>${totalMb - usedMb}</FREE_MB><USED_MB>${usedMb}</USED_MB><IMAGES></IMAGES>${templateXml('TEMPLATE', [['DS_MAD', 'fs'], ['TM_MAD', 'shared']])}</DATASTORE>`;
}
