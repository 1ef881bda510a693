/** The contact form's checks, before anything is sent (the API checks again). */
export interface ContactProblem {
  field: "message" | "email";
  key: "errEmpty" | "errTooLong" | "errEmail";
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The first problem with the trimmed message and e-mail, or null when they may be sent. */
export function checkContact(body: string, email: string, maxBody: number): ContactProblem | null {
  if (!body) return { field: "message", key: "errEmpty" };
  if (body.length > maxBody) return { field: "message", key: "errTooLong" };
  if (email && !EMAIL.test(email)) return { field: "email", key: "errEmail" };
  return null;
}
