import 'reflect-metadata';
import {
  CollectionOptions,
  ContractClass,
  ContractOptions,
  DATA_CONTRACT_NS,
  MemberOptions,
} from './wire-types';

/** What the decorators record on one class (its own members only). */
export interface ContractDeclaration {
  options: ContractOptions;
  collection?: CollectionOptions;
  members: DeclaredMember[];
}

export interface DeclaredMember extends MemberOptions {
  property: string;
  /** Declared as a getter without a setter: never written from input. */
  getterOnly: boolean;
}

const declarations = new WeakMap<object, ContractDeclaration>();
const pendingMembers = new WeakMap<object, DeclaredMember[]>();
/** Classes in declaration order; the registry picks them up. */
const declaredClasses: ContractClass[] = [];
const listeners: Array<(cls: ContractClass) => void> = [];

export function declarationOf(cls: ContractClass): ContractDeclaration | undefined {
  return declarations.get(cls);
}

export function allDeclaredClasses(): readonly ContractClass[] {
  return declaredClasses;
}

export function onContractDeclared(listener: (cls: ContractClass) => void): void {
  listeners.push(listener);
}

/** `http://schemas.datacontract.org/2004/07/` + a CLR namespace. */
export function dataContractNamespace(clrNamespace: string): string {
  return DATA_CONTRACT_NS + clrNamespace;
}

function declare(cls: ContractClass, options: ContractOptions, collection?: CollectionOptions) {
  const members = pendingMembers.get(cls.prototype) ?? [];
  declarations.set(cls, {
    options: { ...options, name: options.name ?? cls.name },
    collection,
    members,
  });
  declaredClasses.push(cls);
  for (const listener of listeners) listener(cls);
}

/** `[DataContract(Name, Namespace)]`, or a plain POCO with every member declared. */
export function WireContract(options: ContractOptions): ClassDecorator {
  return (target) => declare(target as unknown as ContractClass, options);
}

/** `[CollectionDataContract(ItemName)]` on a class that extends `Array`. */
export function WireCollection(options: CollectionOptions): ClassDecorator {
  return (target) => declare(target as unknown as ContractClass, options, options);
}

/** `[DataMember]` + `[JsonProperty]` on a property or a getter. */
export function WireMember(options: MemberOptions) {
  return (prototype: object, property: string | symbol, descriptor?: PropertyDescriptor): void => {
    if (typeof property !== 'string') throw new Error('WireMember needs a string property name');
    let members = pendingMembers.get(prototype);
    if (!members) pendingMembers.set(prototype, (members = []));
    const getterOnly = descriptor !== undefined && !!descriptor.get && !descriptor.set;
    members.push({ ...options, property, getterOnly });
  };
}
