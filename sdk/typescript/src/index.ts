export { Client, TERMINAL_STATUSES, type Job, type WaitOptions } from "./client.js";
export type { ClientOptions, RequestOptions, RetryEvent, RetryKind } from "./transport.js";
export type { DownloadInfo, DownloadOptions } from "./download.js";
export type {
  ImageFormat, MapPageOperation, MapPageRequest, MapRequestOptions, PreviewOperation, PreviewRequest, RenderedImage,
  RenderParameters, TileJson, TileJsonOperation, TileJsonRequest, TileOperation, TileRequest, TokenParameter,
} from "./tiles.js";
export type {
  DownloadOperation, NdjsonOperation, Operation, OperationId, OutputRef, PagedOperation, RequestBody, ResponseBody,
} from "./operations.js";
export {
  AuthenticationError,
  Conflict,
  ConnectionError,
  GeoperaError,
  InsufficientCredits,
  NotFound,
  PermissionDenied,
  RateLimited,
  ServerError,
  ValidationError,
  WaitTimeoutError,
  type FieldProblem,
  type Problem,
} from "./errors.js";
export type { components, operations, paths } from "./generated/openapi.js";
