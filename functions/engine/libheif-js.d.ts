/**
 * The part of libheif-js's Embind API the HEIF decoder uses (the package ships no typings for it). The bundle
 * exports Emscripten's factory: each call instantiates libheif (with its own heap) synchronously.
 */
declare module 'libheif-js/libheif-wasm/libheif-bundle.js' {
  interface HeifError {
    code: number;
    message: string;
  }
  export interface HeifChannel {
    id: number;
    width: number;
    height: number;
    stride: number;
    /** Bits per sample: 8, or more for a deeper plane (its samples then take two bytes). */
    bits_per_pixel?: number;
    data: Uint8Array;
  }
  interface HeifDecoded {
    code?: number;
    image: unknown;
    channels: HeifChannel[];
  }
  export interface LibHeif {
    heif_error_code: { heif_error_Ok: number };
    heif_colorspace: { heif_colorspace_RGB: number; heif_colorspace_undefined: number };
    heif_chroma: { heif_chroma_interleaved_RGBA: number; heif_chroma_undefined: number };
    heif_channel: { heif_channel_interleaved: number; heif_channel_Y: number };
    heif_context_alloc(): unknown;
    heif_context_free(context: unknown): void;
    heif_context_read_from_memory(context: unknown, bytes: Uint8Array): HeifError;
    heif_js_context_get_list_of_top_level_image_IDs(context: unknown): number[];
    heif_js_context_get_image_handle(context: unknown, id: number): unknown;
    heif_image_handle_get_width(handle: unknown): number;
    heif_image_handle_get_height(handle: unknown): number;
    heif_image_handle_is_primary_image(handle: unknown): number;
    heif_image_handle_release(handle: unknown): void;
    heif_js_decode_image2(
      handle: unknown,
      colorspace: number,
      chroma: number,
    ): Promise<HeifDecoded | undefined>;
    heif_image_release(image: unknown): void;
  }
  const factory: () => LibHeif;
  export default factory;
}
