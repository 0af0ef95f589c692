import type { Quad_Subject } from '@rdfjs/types';
import { NS } from '@mpli/shapes';
import type { GraphWriter } from './graph-writer';
import type { OfferingInput } from './input-types';
import type { Gpu, Image } from './manifest-types';
import {
  writeCertification, writeDelivery, writeLocation, writePrerequisite, writePrice, writeQuantity, writeServiceLevel, writeTerms,
} from './build-values';

const { mpli, gx, schema, dcterms } = { mpli: NS.mpli, gx: NS.gx, schema: NS.schema, dcterms: NS.dcterms };

function writeGpu(w: GraphWriter, subject: Quad_Subject, gpu: Gpu): void {
  const node = w.child(subject, `${mpli}gpu`, `${mpli}GpuSpecification`);
  w.value(node, `${mpli}gpuModel`, gpu.model);
  w.value(node, `${mpli}gpuCount`, gpu.count);
  writeQuantity(w, node, `${mpli}gpuMemory`, gpu.memory);
}

function writeImage(w: GraphWriter, subject: Quad_Subject, image: Image): void {
  const node = w.child(subject, `${mpli}image`, `${mpli}Image`);
  w.value(node, `${schema}name`, image.name);
  w.value(node, `${mpli}osFamily`, image.osFamily);
}

function writeCommon(w: GraphWriter, node: Quad_Subject, offering: OfferingInput, provider: string): void {
  w.type(node, `${mpli}${offering.kind}`);
  w.value(node, `${dcterms}identifier`, offering.identifier);
  w.value(node, `${schema}name`, offering.name);
  w.value(node, `${schema}description`, offering.description);
  w.iri(node, `${gx}providedBy`, offering.provider ?? provider);
  for (const location of offering.locations ?? []) writeLocation(w, node, location);
  for (const price of offering.prices ?? []) writePrice(w, node, `${mpli}price`, price);
  writeServiceLevel(w, node, offering.sla);
  for (const certification of offering.certifications ?? []) writeCertification(w, node, certification);
  for (const regime of offering.dataProtectionRegimes ?? []) w.value(node, `${gx}dataProtectionRegime`, regime);
  if (offering.portability) {
    const portability = w.child(node, `${mpli}portability`, `${mpli}Portability`);
    for (const format of offering.portability.exportFormats) w.value(portability, `${mpli}exportFormat`, format);
    w.value(portability, `${mpli}migrationSupported`, offering.portability.migrationSupported);
  }
  writeDelivery(w, node, offering.delivery);
  for (const terms of offering.terms ?? []) writeTerms(w, node, `${gx}serviceOfferingTermsAndConditions`, terms);
  for (const prerequisite of offering.prerequisites ?? []) writePrerequisite(w, node, prerequisite);
  for (const keyword of offering.keywords ?? []) w.value(node, `${gx}keyword`, keyword);
}

/** Writes one offering of any kind; returns its node. */
export function writeOffering(w: GraphWriter, offering: OfferingInput, options: { id?: string; provider: string }): Quad_Subject {
  const node = w.node(options.id);
  writeCommon(w, node, offering, options.provider);
  const v = (local: string, value: string | number | boolean | undefined) => w.value(node, `${mpli}${local}`, value);
  const q = (local: string, value: Parameters<typeof writeQuantity>[3]) => writeQuantity(w, node, `${mpli}${local}`, value);
  switch (offering.kind) {
    case 'VirtualMachineOffering':
      v('vcpu', offering.vcpu); q('memory', offering.memory); q('disk', offering.disk);
      w.iri(node, `${mpli}cpuArchitecture`, `${mpli}${offering.cpuArchitecture}`);
      for (const gpu of offering.gpus ?? []) writeGpu(w, node, gpu);
      for (const image of offering.images ?? []) writeImage(w, node, image);
      break;
    case 'BlockStorageOffering':
      q('minimumSize', offering.minimumSize); q('maximumSize', offering.maximumSize); v('iops', offering.iops);
      q('throughput', offering.throughput); v('storageMedia', offering.storageMedia); v('replicas', offering.replicas);
      break;
    case 'ObjectStorageOffering':
      for (const api of offering.apiCompatibility ?? []) v('apiCompatibility', api);
      if (offering.durability !== undefined) w.decimal(node, `${mpli}durability`, offering.durability);
      q('minimumSize', offering.minimumSize); q('maximumSize', offering.maximumSize);
      v('storageMedia', offering.storageMedia); v('replicas', offering.replicas);
      break;
    case 'KubernetesOffering':
      for (const version of offering.kubernetesVersions ?? []) v('kubernetesVersion', version);
      v('maximumNodes', offering.maximumNodes); v('highAvailability', offering.highAvailability); v('cncfCertified', offering.cncfCertified);
      break;
    case 'DatabaseOffering':
      v('databaseEngine', offering.engine);
      for (const version of offering.engineVersions ?? []) v('engineVersion', version);
      v('vcpu', offering.vcpu); q('memory', offering.memory); q('maximumSize', offering.maximumSize); v('highAvailability', offering.highAvailability);
      break;
    case 'NetworkOffering':
      v('publicIPv4', offering.publicIPv4); v('ipv6', offering.ipv6); q('bandwidth', offering.bandwidth); q('includedTraffic', offering.includedTraffic);
      break;
    case 'ServiceOffering':
      break;
  }
  return node;
}
