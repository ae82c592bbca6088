// Which predictor engine takes a request behind the front door: by the predictors' traffic weights,
// with the shadow (if any) receiving a copy of everything.
import { EngineError } from '../errors.js';

/** One predictor engine behind the front door. */
export interface FrontDoorBackend {
  /** Predictor name (sent back in the `Seldon-Predictor` response header). */
  name: string;
  /** Traffic weight (percent); ignored for the shadow. */
  traffic: number;
  /** A shadow receives a copy of every request; its answers are discarded. */
  shadow: boolean;
  /** Engine REST port on 127.0.0.1. */
  httpPort: number;
  /** Engine gRPC port on 127.0.0.1. */
  grpcPort: number;
}

/** Picks the backend of each request; the shadow, when there is one, gets a copy of every request. */
export interface TrafficPicker {
  pick(): FrontDoorBackend;
  shadow?: FrontDoorBackend;
}

/** Picks backends by weight; the shadow (if any) is returned separately. */
export function createPicker(
  backends: FrontDoorBackend[],
  random: () => number = Math.random,
): TrafficPicker {
  const live = backends.filter((b) => !b.shadow);
  if (live.length === 0)
    throw new EngineError('SC_ERR_ENGINE_RUN_INVALID', 'a deployment needs one non-shadow predictor');
  const shadow = backends.find((b) => b.shadow);
  const total = live.reduce((s, b) => s + Math.max(0, b.traffic), 0);
  if (live.length === 1 || total === 0) {
    // A lone predictor takes everything; weights of 0 everywhere mean an even split.
    return { pick: () => (live.length === 1 ? live[0] : live[Math.floor(random() * live.length)]), shadow };
  }
  return {
    pick() {
      let r = random() * total;
      for (const b of live) {
        r -= Math.max(0, b.traffic);
        if (r < 0) return b;
      }
      return live[live.length - 1];
    },
    shadow,
  };
}

/** What the front door's REST and gRPC sides share: the backends, the picker and the counting. */
export interface DoorRouting {
  backends: FrontDoorBackend[];
  picker: TrafficPicker;
  /** Counts one request sent to the named predictor. */
  count(name: string): void;
  /** Largest REST body or gRPC message accepted, bytes. */
  maxBodyBytes: number;
  log(line: string): void;
}
