/** bmp-js ships no types; only the decoder is used (see input.ts). */
declare module 'bmp-js' {
  interface DecodedBmp {
    /** ABGR quadruplets, top row first. */
    data: Buffer;
    width: number;
    height: number;
  }
  const bmp: { decode(buffer: Buffer): DecodedBmp };
  export default bmp;
}
