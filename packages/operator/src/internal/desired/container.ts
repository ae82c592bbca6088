// Small edits of a user's container, shared by the node, engine and prepackaged-server builders.
// "IfAbsent" keeps what the user wrote (v1 lets componentSpecs override the operator's defaults);
// the others enforce what the operator must own.
import type { Container } from '@seldon-ts/crd-types';

export function setEnvIfAbsent(c: Container, name: string, value: string): void {
  const env = (c.env ??= []);
  if (!env.some((e) => e.name === name)) env.push({ name, value });
}

/** Sets `name` to `value`, replacing a user's value or `valueFrom`. */
export function setEnv(c: Container, name: string, value: string): void {
  const env = (c.env ??= []);
  const e = env.find((x) => x.name === name);
  if (e) {
    e.value = value;
    delete e.valueFrom;
  } else env.push({ name, value });
}

export function addPortIfAbsent(c: Container, name: string, port: number): void {
  const ports = (c.ports ??= []);
  if (!ports.some((p) => p.name === name)) ports.push({ name, containerPort: port, protocol: 'TCP' });
}

/** Adds the named port, or moves a user's port of that name to `port`. */
export function upsertPort(c: Container, name: string, port: number): void {
  const ports = (c.ports ??= []);
  const p = ports.find((x) => x.name === name);
  if (p) p.containerPort = port;
  else ports.push({ name, containerPort: port, protocol: 'TCP' });
}
