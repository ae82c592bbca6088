// Before the cluster suite: the node up (built once into the cache), the project's images and the
// examples' component images built, the operator installed with `kubectl apply -k deploy`.
import { bringUp } from './setup.mjs';

export default async function globalSetup() {
  await bringUp();
}
