// Drives the unmodified npm botframework-directlinejs client against a running ServiceBot, the way Web Chat does.
// usage: node client.js SCENARIO BASE_URL SECRET   (scenarios: websocket, polling, upload, refused, reconnect)
// Prints one JSON line per finding; exits non-zero on a failure it can see itself. The C# test asserts the findings.
'use strict';
global.XMLHttpRequest = require('./fetch-xhr');
global.WebSocket = require('ws');
const { DirectLine, ConnectionStatus } = require('botframework-directlinejs');
const readline = require('readline');

const [scenario, base, secret] = process.argv.slice(2);
const domain = `${base}/v3/directline`;
const say = (finding) => console.log(JSON.stringify(finding));
const fail = (message) => { say({ failure: message }); process.exit(1); };
const timeout = (ms, what) => new Promise((_, reject) => setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms));

async function generate(user) {
  const response = await fetch(`${domain}/tokens/generate`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ user: { id: user, name: 'Alice' } }),
  });
  if (response.status !== 200) fail(`tokens/generate answered ${response.status}`);
  return response.json();
}

/** Every activity the client delivers, and a way to wait for one that matches. */
function watch(directLine) {
  const seen = [];
  const waiters = [];
  directLine.activity$.subscribe((activity) => {
    seen.push(activity);
    for (const waiter of waiters.slice()) if (waiter.match(activity)) { waiters.splice(waiters.indexOf(waiter), 1); waiter.resolve(activity); }
  });
  const next = (match, what, ms = 20000) => {
    const found = seen.find(match);
    if (found) return Promise.resolve(found);
    return Promise.race([new Promise((resolve) => waiters.push({ match, resolve })), timeout(ms, what)]);
  };
  return { seen, next };
}

async function converse(directLine, user, clientActivityID, text, stream) {
  const posted = await new Promise((resolve, reject) => directLine.postActivity({
    type: 'message', from: { id: user }, text, locale: 'zh-CN', channelData: { clientActivityID },
  }).subscribe(resolve, reject));
  const echo = await stream.next((a) => a.channelData && a.channelData.clientActivityID === clientActivityID, `echo of ${clientActivityID}`);
  const reply = await stream.next((a) => a.replyToId === echo.id && a.from.id !== user, `reply to ${echo.id}`);
  return { posted, echo, reply };
}

async function run() {
  const user = `c-alice`;
  if (scenario === 'refused') {
    const { conversationId, token } = await generate(user);
    const other = await generate(user);
    const get = (path, auth) => fetch(`${domain}${path}`, { headers: auth ? { Authorization: `Bearer ${auth}` } : {} }).then((r) => r.status);
    const post = (path, auth) => fetch(`${domain}${path}`, { method: 'POST', headers: auth ? { Authorization: `Bearer ${auth}` } : {} }).then((r) => r.status);
    await post('/conversations', token);
    const forged = token.slice(0, -4) + (token.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    say({
      noCredentials: await get(`/conversations/${conversationId}/activities`, null),
      forged: await get(`/conversations/${conversationId}/activities`, forged),
      otherConversation: await get(`/conversations/${conversationId}/activities`, other.token),
      wrongSecret: await post('/tokens/generate', 'not-the-secret'),
      refreshForged: await post('/tokens/refresh', forged),
    });
    return;
  }

  const { token } = await generate(user);
  const webSocket = scenario !== 'polling';
  const directLine = new DirectLine({ token, domain, webSocket, pollingInterval: 200 });
  const stream = watch(directLine);
  await Promise.race([
    new Promise((resolve) => directLine.connectionStatus$.subscribe((s) => s === ConnectionStatus.Online && resolve())),
    timeout(20000, 'Online'),
  ]);
  const welcome = await stream.next((a) => a.from.id !== user && a.type === 'message', 'the welcome');
  say({ welcome: welcome.text, conversationId: directLine.conversationId, suggested: (welcome.suggestedActions || {}).actions || [] });

  const first = await converse(directLine, user, 'cid-1', '退款多久到账', stream);
  say({ posted: first.posted, echo: { id: first.echo.id, clientActivityID: first.echo.channelData.clientActivityID, from: first.echo.from.id }, reply: first.reply.text });

  const refreshed = await fetch(`${domain}/tokens/refresh`, { method: 'POST', headers: { Authorization: `Bearer ${directLine.token}` } });
  const { token: newToken } = await refreshed.json();
  say({ refreshStatus: refreshed.status, refreshedDiffers: newToken !== directLine.token });

  if (scenario === 'upload') {
    // The client fetches the file from its contentUrl (as a browser reads a picked file) and uploads it.
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');
    const files = require('http').createServer((_, response) => { response.writeHead(200, { 'Content-Type': 'image/png' }); response.end(png); });
    await new Promise((resolve) => files.listen(0, '127.0.0.1', resolve));
    const contentUrl = `http://127.0.0.1:${files.address().port}/evidence.png`;
    const posted = await new Promise((resolve, reject) => directLine.postActivity({
      type: 'message', from: { id: user }, text: '', channelData: { clientActivityID: 'cid-up' },
      attachments: [{ contentType: 'image/png', contentUrl, name: 'evidence.png' }],
    }).subscribe(resolve, reject));
    const echo = await stream.next((a) => a.id === posted, 'the uploaded activity');
    const stored = echo.attachments[0];
    const image = await fetch(stored.contentUrl);
    say({ uploaded: { contentType: stored.contentType, name: stored.name, status: image.status, bytes: (await image.arrayBuffer()).byteLength, expected: png.length } });
    files.close();
  }

  if (scenario === 'reconnect') {
    say({ waiting: 'drop' });
    const lines = readline.createInterface({ input: process.stdin });
    await new Promise((resolve) => lines.once('line', resolve));
    // While the server was gone the client lost its socket; it gets a new streamUrl with its watermark by itself.
    const second = await converse(directLine, user, 'cid-2', '怎么申请退款', stream);
    const history = await fetch(`${domain}/conversations/${directLine.conversationId}/activities?watermark=0`, {
      headers: { Authorization: `Bearer ${newToken}` },
    }).then((r) => r.json());
    const received = stream.seen.map((a) => a.id);
    say({
      secondReply: second.reply.text,
      received,
      duplicates: received.filter((id, i) => received.indexOf(id) !== i),
      transcript: history.activities.map((a) => a.id),
    });
    lines.close();
  }

  directLine.end();
}

run().then(() => process.exit(0), (error) => fail(String(error && error.stack || error)));
