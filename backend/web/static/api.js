// The API client: tokens in sessionStorage, one automatic refresh on 401, errors as ApiError.

const TOKENS_KEY = "emodal-agent.tokens";

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export const tokens = {
  get() {
    try {
      return JSON.parse(sessionStorage.getItem(TOKENS_KEY) || "null");
    } catch {
      return null;
    }
  },
  set(pair) {
    sessionStorage.setItem(TOKENS_KEY, JSON.stringify({
      access_token: pair.access_token, refresh_token: pair.refresh_token,
    }));
  },
  clear() {
    sessionStorage.removeItem(TOKENS_KEY);
  },
};

let onLoggedOut = () => {};
let refreshing = null;

/** Call `handler` when the login is gone and cannot be refreshed. */
export function whenLoggedOut(handler) {
  onLoggedOut = handler;
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

// Each refresh token works once, so concurrent 401s share one refresh.
function refreshTokens() {
  if (!refreshing) {
    refreshing = (async () => {
      const current = tokens.get();
      if (!current || !current.refresh_token) return false;
      try {
        const response = await fetch("/auth/refresh", {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ refresh_token: current.refresh_token }),
        });
        if (!response.ok) return false;
        tokens.set(await response.json());
        return true;
      } catch {
        return false;
      }
    })().finally(() => { refreshing = null; });
  }
  return refreshing;
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
