// A small XMLHttpRequest on top of Node's fetch, for the parts rxjs' ajax (inside directlinejs) uses. xhr2 cannot
// send FormData, which directlinejs uses for uploads; fetch can. Test harness only: the client itself is unmodified.
'use strict';

class FetchXMLHttpRequest {
  constructor() {
    this.readyState = 0;
    this.status = 0;
    this.response = null;
    this.responseText = '';
    this.responseType = '';
    this.timeout = 0;
    this.withCredentials = false;
    this._headers = {};
    this._responseHeaders = new Headers();
    this.upload = { addEventListener() {} };
  }

  open(method, url) { this._method = method; this._url = url; this.readyState = 1; }

  setRequestHeader(name, value) { this._headers[name] = value; }

  getAllResponseHeaders() { return [...this._responseHeaders].map(([k, v]) => `${k}: ${v}`).join('\r\n'); }

  getResponseHeader(name) { return this._responseHeaders.get(name); }

  addEventListener(type, listener) { this[`on${type}`] = listener; }

  removeEventListener() {}

  abort() { if (this._controller) this._controller.abort(); }

  send(body) {
    this._controller = new AbortController();
    const headers = { ...this._headers };
    if (typeof FormData !== 'undefined' && body instanceof FormData) {
      for (const name of Object.keys(headers)) if (name.toLowerCase() === 'content-type') delete headers[name]; // fetch sets the boundary
    }

    const timer = this.timeout > 0 ? setTimeout(() => { this._timedOut = true; this._controller.abort(); }, this.timeout) : null;
    fetch(this._url, { method: this._method, headers, body: body === undefined || body === null ? undefined : body, signal: this._controller.signal })
      .then(async (response) => {
        this.status = response.status;
        this._responseHeaders = response.headers;
        const buffer = await response.arrayBuffer();
        const text = Buffer.from(buffer).toString('utf8');
        this.responseText = text;
        if (this.responseType === 'arraybuffer') this.response = buffer;
        else if (this.responseType === 'json') { try { this.response = text ? JSON.parse(text) : null; } catch { this.response = null; } }
        else this.response = text;
        this.readyState = 4;
        if (timer) clearTimeout(timer);
        if (this.onreadystatechange) this.onreadystatechange({ target: this });
        if (this.onload) this.onload({ target: this });
      })
      .catch((error) => {
        if (timer) clearTimeout(timer);
        this.readyState = 4;
        this.status = 0;
        if (this._timedOut && this.ontimeout) this.ontimeout({ target: this, error });
        else if (this.onerror) this.onerror({ target: this, error });
        if (this.onreadystatechange) this.onreadystatechange({ target: this });
      });
  }
}

module.exports = FetchXMLHttpRequest;
