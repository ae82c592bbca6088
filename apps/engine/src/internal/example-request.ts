// The request body offered where the engine shows how to call it (`seldon-engine run`'s printed
// curl, the graph page's try-it panel) when the deployment names none: one row of four numbers in
// the protocol's own form.
export function defaultExampleRequest(protocol: string): string {
  switch (protocol) {
    case 'v2':
    case 'kfserving':
      return '{"inputs":[{"name":"input-0","shape":[1,4],"datatype":"FP64","data":[1,2,3,4]}]}';
    case 'tensorflow':
      return '{"instances":[[1.0,2.0,3.0,4.0]]}';
    default:
      return '{"data":{"ndarray":[[1.0,2.0,3.0,4.0]]}}';
  }
}
