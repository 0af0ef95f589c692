import { NS } from '@mpli/shapes';
import type { Quantity } from '../quantity/quantity';
import type { Gpu, Image, Offering, OfferingBase, Prerequisite, StorageMedia } from './manifest-types';
import { mpliName, type NodeReader } from './node-reader';
import { readPrerequisite } from './read-parties';
import {
  optional, readCertification, readDelivery, readLocation, readPortability, readPrice, readQuantity, readServiceLevel, readTerms,
} from './read-values';
import { CPU_ARCHITECTURES, OFFERING_KINDS, type OfferingKind } from './vocabulary-names';

const { mpli, gx, schema, dcterms } = { mpli: NS.mpli, gx: NS.gx, schema: NS.schema, dcterms: NS.dcterms };

/** The most specific offering kind among a node's types (ServiceOffering when only that). */
export function offeringKindOf(types: readonly string[]): OfferingKind | undefined {
  return OFFERING_KINDS.find((kind) => types.includes(`${mpli}${kind}`));
}

function readBase(node: NodeReader, kind: OfferingKind): OfferingBase {
  return {
    id: node.id,
    kind,
    identifier: node.require(node.string(`${dcterms}identifier`), 'dcterms:identifier'),
    name: node.require(node.text(`${schema}name`), 'schema:name'),
    ...optional('description', node.text(`${schema}description`)),
    provider: node.require(node.string(`${gx}providedBy`), 'gx:providedBy'),
    locations: node.nodes(`${mpli}location`).map(readLocation),
    prices: node.nodes(`${mpli}price`).map(readPrice),
    ...optional('sla', readServiceLevel(node.node(`${mpli}sla`))),
    certifications: node.nodes(`${mpli}certification`).map(readCertification),
    dataProtectionRegimes: node.strings(`${gx}dataProtectionRegime`),
    ...optional('portability', readPortability(node.node(`${mpli}portability`))),
    ...optional('delivery', readDelivery(node.node(`${mpli}delivery`))),
    terms: node.nodes(`${gx}serviceOfferingTermsAndConditions`).map(readTerms),
    prerequisites: node.nodes(`${mpli}prerequisite`).map(readPrerequisite).filter((p): p is Prerequisite => p !== undefined),
    keywords: node.strings(`${gx}keyword`),
  };
}

const quantity = (node: NodeReader, local: string): Quantity | undefined => readQuantity(node.node(`${mpli}${local}`));
const media = (node: NodeReader): StorageMedia | undefined => {
  const value = node.string(`${mpli}storageMedia`);
  return value === 'nvme' || value === 'ssd' || value === 'hdd' ? value : undefined;
};

function readGpu(node: NodeReader): Gpu {
  return {
    model: node.require(node.string(`${mpli}gpuModel`), 'mpli:gpuModel'),
    count: node.require(node.number(`${mpli}gpuCount`), 'mpli:gpuCount'),
    ...optional('memory', quantity(node, 'gpuMemory')),
  };
}

function readImage(node: NodeReader): Image {
  const family = node.string(`${mpli}osFamily`);
  return {
    name: node.require(node.text(`${schema}name`), 'schema:name'),
    ...(family === 'linux' || family === 'windows' || family === 'bsd' ? { osFamily: family } : {}),
  };
}

/**
 * Reads one offering into the plain model, by its kind. Throws `MODEL_INCOMPLETE` when a property
 * the kind requires is missing or unusable (validate first to get every problem at once).
 */
export function readOffering(node: NodeReader): Offering {
  const kind = node.require(offeringKindOf(node.types()), 'rdf:type (an MPLI offering kind)');
  const base = readBase(node, kind);
  const n = (local: string) => node.number(`${mpli}${local}`);
  const b = (local: string) => node.boolean(`${mpli}${local}`);
  switch (kind) {
    case 'VirtualMachineOffering':
      return {
        ...base, kind,
        vcpu: node.require(n('vcpu'), 'mpli:vcpu'),
        memory: node.require(quantity(node, 'memory'), 'mpli:memory'),
        ...optional('disk', quantity(node, 'disk')),
        cpuArchitecture: node.require(mpliName(node.string(`${mpli}cpuArchitecture`), CPU_ARCHITECTURES), 'mpli:cpuArchitecture'),
        gpus: node.nodes(`${mpli}gpu`).map(readGpu),
        images: node.nodes(`${mpli}image`).map(readImage),
      };
    case 'BlockStorageOffering':
      return {
        ...base, kind,
        ...optional('minimumSize', quantity(node, 'minimumSize')),
        maximumSize: node.require(quantity(node, 'maximumSize'), 'mpli:maximumSize'),
        ...optional('iops', n('iops')), ...optional('throughput', quantity(node, 'throughput')),
        ...optional('storageMedia', media(node)), ...optional('replicas', n('replicas')),
      };
    case 'ObjectStorageOffering':
      return {
        ...base, kind,
        apiCompatibility: node.strings(`${mpli}apiCompatibility`),
        ...optional('durability', n('durability')),
        ...optional('minimumSize', quantity(node, 'minimumSize')), ...optional('maximumSize', quantity(node, 'maximumSize')),
        ...optional('storageMedia', media(node)), ...optional('replicas', n('replicas')),
      };
    case 'KubernetesOffering':
      return {
        ...base, kind,
        kubernetesVersions: node.strings(`${mpli}kubernetesVersion`),
        ...optional('maximumNodes', n('maximumNodes')), ...optional('highAvailability', b('highAvailability')),
        ...optional('cncfCertified', b('cncfCertified')),
      };
    case 'DatabaseOffering':
      return {
        ...base, kind,
        engine: node.require(node.string(`${mpli}databaseEngine`), 'mpli:databaseEngine'),
        engineVersions: node.strings(`${mpli}engineVersion`),
        ...optional('vcpu', n('vcpu')), ...optional('memory', quantity(node, 'memory')),
        ...optional('maximumSize', quantity(node, 'maximumSize')), ...optional('highAvailability', b('highAvailability')),
      };
    case 'NetworkOffering':
      return {
        ...base, kind,
        ...optional('publicIPv4', n('publicIPv4')), ...optional('ipv6', b('ipv6')),
        ...optional('bandwidth', quantity(node, 'bandwidth')), ...optional('includedTraffic', quantity(node, 'includedTraffic')),
      };
    case 'ServiceOffering':
      return { ...base, kind };
  }
}
