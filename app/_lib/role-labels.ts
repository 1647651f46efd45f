import type { TRole } from "./api-client";

/** The names people see: a commenter is a fact-checker in a newsroom's words. */
export const ROLE_LABEL: Record<TRole, string> = {
  owner: "Owner",
  editor: "Editor",
  commenter: "Fact-checker",
  viewer: "Viewer",
};
