// Image echo: a base64 JPEG or PNG in `binData`, its decoded pixels out as a tensor of shape
// [height, width, channels] (RGB by default).
import jpeg from 'jpeg-js';
import pngjs from 'pngjs';
import type { ComponentInput, ComponentParameters, SeldonComponent } from '@seldon-ts/model-wrapper';
import { NdArray, SeldonMicroserviceError, SeldonResponse } from '@seldon-ts/model-wrapper';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47];

export default class ImageEcho implements SeldonComponent {
  private readonly channels: 3 | 4;
  private readonly maxPixels: number;

  /** Parameters: `channels` (INT 3 = RGB or 4 = RGBA, default 3), `max_pixels` (INT, default 16 777 216). */
  constructor(parameters: ComponentParameters = {}) {
    const channels = Number(parameters.channels ?? 3);
    if (channels !== 3 && channels !== 4) throw new Error('channels parameter must be 3 or 4');
    this.channels = channels;
    this.maxPixels = Number(parameters.max_pixels ?? 16_777_216);
  }

  predict(X: ComponentInput): SeldonResponse {
    if (!(X instanceof Uint8Array))
      throw new SeldonMicroserviceError('image echo expects binData holding a JPEG or PNG file');
    const bytes = Buffer.from(X.buffer, X.byteOffset, X.byteLength);
    let rgba: Uint8Array;
    let width: number;
    let height: number;
    let format: string;
    try {
      if (PNG_SIGNATURE.every((b, i) => bytes[i] === b)) {
        const png = pngjs.PNG.sync.read(bytes);
        ({ width, height } = png);
        rgba = png.data;
        format = 'png';
      } else if (bytes[0] === 0xff && bytes[1] === 0xd8) {
        const img = jpeg.decode(bytes, {
          useTArray: true,
          formatAsRGBA: true,
          maxResolutionInMP: this.maxPixels / 1e6,
        });
        ({ width, height } = img);
        rgba = img.data;
        format = 'jpeg';
      } else {
        throw new Error('not a PNG or JPEG file');
      }
    } catch (err) {
      throw new SeldonMicroserviceError(`cannot decode image: ${(err as Error).message}`);
    }
    if (width * height > this.maxPixels)
      throw new SeldonMicroserviceError(`image of ${width}x${height} exceeds max_pixels ${this.maxPixels}`);
    const c = this.channels;
    const out = new Float64Array(width * height * c);
    for (let p = 0, o = 0; p < width * height; p++) {
      for (let k = 0; k < c; k++) out[o++] = rgba[p * 4 + k];
    }
    return new SeldonResponse(new NdArray(out, [height, width, c]), { format, width, height });
  }
}
