/** A file that cannot become a timeline at all (not JSON, not a sheet, no events): the message says why. */
export class ImportError extends Error {
  override name = "ImportError";
}
