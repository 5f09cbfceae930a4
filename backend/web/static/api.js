// The API client: the access token on every call, one automatic refresh on 401, errors as ApiError.

import { refreshTokens, tokens } from "./tokens.js";

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

let onLoggedOut = () => {};

/** Call `handler` when the login is gone and cannot be refreshed. */
export function whenLoggedOut(handler) {
  onLoggedOut = handler;
}

/** What to tell the user about a failed call. */
export function messageOf(error) {
  return error instanceof ApiError ? error.message : `Could not reach the server (${error.message}).`;
}

async function errorOf(response) {
  let code = "error";
  let message = `${response.status} ${response.statusText}`.trim();
  try {
    const body = await response.json();
    if (body && body.error) {
      code = body.error.code || code;
      message = body.error.message || message;
    }
  } catch {
    // not JSON: keep the status line
  }
  return new ApiError(response.status, code, message);
}

function send(path, options, signal) {
  const headers = new Headers(options.headers || {});
  const current = tokens.get();
  if (current && current.access_token) headers.set("Authorization", `Bearer ${current.access_token}`);
  let body;
  if (options.json !== undefined) {
    headers.set("Content-Type", "application/json");
    body = JSON.stringify(options.json);
  } else if (options.form) {
    body = new URLSearchParams(options.form);
  }
  return fetch(path, { method: options.method || "GET", headers, body, signal });
}

/** Fetch with the access token; on 401 refresh once and retry; throws ApiError for any error status. */
export async function apiFetch(path, options = {}) {
  let response = await send(path, options, options.signal);
  if (response.status === 401 && !options.anonymous) {
    if (await refreshTokens()) {
      response = await send(path, options, options.signal);
    }
    if (response.status === 401) {
      const error = await errorOf(response);
      tokens.clear();
      onLoggedOut(error.message);
      throw error;
    }
  }
  if (!response.ok) throw await errorOf(response);
  return response;
}

/** The JSON body of an API call (null for 204). */
export async function api(path, options = {}) {
  const response = await apiFetch(path, options);
  if (response.status === 204) return null;
  return response.json();
}

/** A file the API serves (exports, screenshots) as a Blob: files need the Authorization header. */
export async function fetchBlob(url) {
  const response = await apiFetch(url);
  return response.blob();
}
