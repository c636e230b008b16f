// The REST door, with the bearer token; a problem answer becomes an ApiError with the server's code and detail.

export class ApiError extends Error {
  constructor(status, code, message, retryAfterMs) {
    super(message);
    this.status = status;
    this.code = code;
    this.retryAfterMs = retryAfterMs;
  }
}

async function problemOf(response) {
  let body = {};
  try {
    body = await response.json();
  } catch (e) {
    // not a problem document
  }
  return new ApiError(response.status, body.code || String(response.status), body.detail || body.title
      || response.statusText || 'the server refused', body.retryAfterMs);
}

export function createApi(token, onUnauthorized) {
  async function call(method, path, {json, query} = {}) {
    const headers = {Authorization: 'Bearer ' + token, Accept: 'application/json'};
    let body;
    if (json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(json);
    }
    const url = query ? path + '?' + new URLSearchParams(query) : path;
    let response;
    try {
      response = await fetch(url, {method, headers, body, cache: 'no-store'});
    } catch (e) {
      throw new ApiError(0, 'OFFLINE', 'The server cannot be reached.');
    }
    if (response.status === 401 && onUnauthorized) {
      onUnauthorized();
    }
    if (!response.ok) {
      throw await problemOf(response);
    }
    return response.status === 204 ? null : response.json();
  }

  /** Uploads a file as the raw body, reporting progress (0..1); resolves with the Attachment. */
  function upload(file, onProgress) {
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', '/api/chat/attachments');
      xhr.setRequestHeader('Authorization', 'Bearer ' + token);
      // nothing claimed: the server decides the type from the bytes (a browser's guess, text/csv say, would be
      // refused where it contradicts them)
      xhr.setRequestHeader('Content-Type', 'application/octet-stream');
      xhr.setRequestHeader('X-File-Name', "UTF-8''" + encodeURIComponent(file.name || 'file'));
      xhr.upload.onprogress = e => e.lengthComputable && onProgress && onProgress(e.loaded / e.total);
      xhr.onload = () => {
        let body = {};
        try {
          body = JSON.parse(xhr.responseText);
        } catch (e) {
          // not JSON
        }
        if (xhr.status === 201 || xhr.status === 200) {
          resolve(body);
        } else {
          if (xhr.status === 401 && onUnauthorized) {
            onUnauthorized();
          }
          reject(new ApiError(xhr.status, body.code || String(xhr.status), body.detail || 'the upload was refused'));
        }
      };
      xhr.onerror = () => reject(new ApiError(0, 'OFFLINE', 'The upload did not reach the server.'));
      xhr.send(file);
    });
  }

  return {
    get: (path, query) => call('GET', path, {query}),
    post: (path, json) => call('POST', path, {json}),
    put: (path, json) => call('PUT', path, {json}),
    upload,
  };
}
