// What a running local deployment is: its predictors and what stops them.
import type { StartedComponent } from './components.js';
import type { FrontDoor } from './front-door.js';
import type { DeploymentPlan } from './plan.js';

/** A running predictor. */
export interface RunningPredictor {
  name: string;
  traffic: number;
  shadow: boolean;
  /** The predictor's own engine ports (the public ports when it is the only predictor). */
  httpPort: number;
  grpcPort: number;
  components: StartedComponent[];
}

/** A SeldonDeployment running locally. */
export interface LocalDeployment {
  plan: DeploymentPlan;
  /** Public REST port. */
  httpPort: number;
  /** Public gRPC port. */
  grpcPort: number;
  host: string;
  /** The live graph page is served at `/graph/` on the public REST port. */
  graphPage: boolean;
  predictors: RunningPredictor[];
  /** Present with several predictors or a shadow. */
  frontDoor?: FrontDoor;
  /** URLs, components and a ready-to-paste curl. */
  banner(): string;
  /** Stops the front door, the engines and every component; safe to call twice. */
  close(): Promise<void>;
}
