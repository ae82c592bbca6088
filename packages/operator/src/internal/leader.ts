import type { KubeClient, KubeObject } from './kube/client.js';
import { RT } from './kube/resources.js';
import { isConflict, isNotFound } from '../errors.js';

export interface LeaderElectionOptions {
  namespace: string;
  /** Lease name. Default `a33bd623.machinelearning.seldon.io` (the reference's id). */
  name: string;
  identity: string;
  /** How long a lease is valid without renewal. Default 15000 ms. */
  leaseDurationMs?: number;
  /** A leader that cannot renew within this time steps down. Default 10000 ms. */
  renewDeadlineMs?: number;
  /** Interval between acquire/renew attempts. Default 2000 ms. */
  retryPeriodMs?: number;
}

interface Lease extends KubeObject {
  spec?: {
    holderIdentity?: string;
    leaseDurationSeconds?: number;
    acquireTime?: string;
    renewTime?: string;
    leaseTransitions?: number;
  };
}

const microTime = (d: Date) => d.toISOString().replace('Z', '000Z');

/**
 * Lease-based leader election (coordination.k8s.io/v1) with optimistic concurrency: only the replica
 * that updates the Lease with the latest resourceVersion holds it. A clean stop releases the Lease
 * (empty holder) so another replica takes over within one retry period instead of a full lease.
 */
export class LeaderElector {
  private leading = false;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;
  private lastRenew = 0;
  private observedHolder = '';
  private observedRenewTime = '';
  private observedAt = 0;
  private observedDurationMs = 0;
  private readonly leaseMs: number;
  private readonly renewDeadlineMs: number;
  private readonly retryMs: number;

  constructor(
    private readonly client: KubeClient,
    private readonly options: LeaderElectionOptions,
    private readonly callbacks: { onStartedLeading: () => void; onStoppedLeading: () => void },
  ) {
    this.leaseMs = options.leaseDurationMs ?? 15_000;
    this.renewDeadlineMs = options.renewDeadlineMs ?? 10_000;
    this.retryMs = options.retryPeriodMs ?? 2_000;
  }

  get isLeader(): boolean {
    return this.leading;
  }

  start(): void {
    void this.tick();
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.tick(), this.retryMs);
  }

  private async tick(): Promise<void> {
    if (this.stopped) return;
    try {
      const ok = await this.tryAcquireOrRenew();
      if (ok) {
        this.lastRenew = Date.now();
        if (!this.leading) {
          this.leading = true;
          this.callbacks.onStartedLeading();
        }
      } else if (this.leading && Date.now() - this.lastRenew > this.renewDeadlineMs) {
        this.stepDown();
      }
    } catch {
      if (this.leading && Date.now() - this.lastRenew > this.renewDeadlineMs) this.stepDown();
    }
    this.schedule();
  }

  private stepDown(): void {
    this.leading = false;
    this.callbacks.onStoppedLeading();
  }

  /** One campaign round: create the Lease, or renew it, or take it over once expired. True when held. */
  private async tryAcquireOrRenew(): Promise<boolean> {
    const { namespace, name } = this.options;
    const now = new Date();
    let lease: Lease | undefined;
    try {
      lease = await this.client.get<Lease>(RT.lease, namespace, name);
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
    if (!lease) return this.createLease(now);
    const holder = lease.spec?.holderIdentity ?? '';
    const expired = this.isExpired(lease);
    if (holder && holder !== this.options.identity && !expired) return false;
    return this.writeLease(lease, now);
  }

  /** The Lease fields this replica writes on every acquire or renew. */
  private holderSpec(now: Date) {
    return {
      holderIdentity: this.options.identity,
      leaseDurationSeconds: Math.ceil(this.leaseMs / 1000),
      renewTime: microTime(now),
    };
  }

  /** Creates the Lease held by this replica; false when another replica created it first. */
  private async createLease(now: Date): Promise<boolean> {
    const { namespace, name } = this.options;
    try {
      await this.client.create(RT.lease, {
        apiVersion: 'coordination.k8s.io/v1',
        kind: 'Lease',
        metadata: { name, namespace },
        spec: { ...this.holderSpec(now), acquireTime: microTime(now), leaseTransitions: 0 },
      });
      return true;
    } catch (err) {
      if (isConflict(err) || (err as { apiStatus?: number }).apiStatus === 409) return false;
      throw err;
    }
  }

  /**
   * Expiry is judged by when *this* replica last saw the record change (clock-skew safe), not by the
   * holder's `renewTime`. Every Lease read is observed, whoever holds it.
   */
  private isExpired(lease: Lease): boolean {
    const holder = lease.spec?.holderIdentity ?? '';
    const renewTime = lease.spec?.renewTime ?? '';
    if (holder !== this.observedHolder || renewTime !== this.observedRenewTime) {
      this.observedHolder = holder;
      this.observedRenewTime = renewTime;
      this.observedAt = Date.now();
      this.observedDurationMs = (lease.spec?.leaseDurationSeconds ?? 15) * 1000;
    }
    return Date.now() > this.observedAt + this.observedDurationMs;
  }

  /** Renews (or takes over: a new acquireTime and one more transition) the Lease; false on a conflict. */
  private async writeLease(lease: Lease, now: Date): Promise<boolean> {
    const renewing = (lease.spec?.holderIdentity ?? '') === this.options.identity;
    try {
      await this.client.replace(RT.lease, {
        ...lease,
        spec: {
          ...lease.spec,
          ...this.holderSpec(now),
          leaseTransitions: (lease.spec?.leaseTransitions ?? 0) + (renewing ? 0 : 1),
          ...(renewing ? {} : { acquireTime: microTime(now) }),
        },
      });
      return true;
    } catch (err) {
      if (isConflict(err)) return false;
      throw err;
    }
  }

  /** Stops campaigning; a leader releases the Lease so a peer takes over at its next retry. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (!this.leading) return;
    this.leading = false;
    try {
      const lease = await this.client.get<Lease>(RT.lease, this.options.namespace, this.options.name);
      if (lease.spec?.holderIdentity === this.options.identity) {
        await this.client.replace(RT.lease, {
          ...lease,
          spec: { ...lease.spec, holderIdentity: '', leaseDurationSeconds: 1 },
        });
      }
    } catch {
      // Best effort: the lease expires on its own.
    }
    this.callbacks.onStoppedLeading();
  }
}
