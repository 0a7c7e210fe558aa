declare module 'heic-decode' {
  interface DecodedHeif {
    width: number;
    height: number;
    /** RGBA, 4 bytes a pixel, row-major. */
    data: Uint8ClampedArray;
  }
  interface HeifImage {
    width: number;
    height: number;
    decode(): Promise<DecodedHeif>;
  }
  interface Decode {
    (input: { buffer: Uint8Array }): Promise<DecodedHeif>;
    all(input: { buffer: Uint8Array }): Promise<HeifImage[] & { dispose(): void }>;
  }
  const decode: Decode;
  export default decode;
}
