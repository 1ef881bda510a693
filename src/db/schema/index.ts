export * from "./articles.js";
export * from "./tickets.js";
export * from "./escalations.js";
export * from "./platform.js";
export * from "./deescalation.js";
