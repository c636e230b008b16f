'use strict';
// The peer CareChat is measured against: the flow of the Node.js + Socket.IO back ends CareChat replaces
// (../shared/seeds), with everything in memory. A JWT is verified once, when a socket connects; each user's
// sockets join a room named after the user; `send_message {receiverId, content, messageType}` looks the care
// relationship up in a Map, pushes the message to an array, answers `message_sent {message}` to the sender and
// emits `new_message {message}` to the receiver's room. Started by the bench (bench/run.sh compare):
//   CHAT_JWT_SECRET=... node server.js --port 3000 --pairs 100
// Pairs are p0..p{n-1} with d0..d{n-1}, as the bench seeds CareChat. GET /health answers 200.
const http = require('node:http');
const crypto = require('node:crypto');
const { Server } = require('socket.io');
const jwt = require('jsonwebtoken');

function option(name, fallback) {
  const at = process.argv.indexOf('--' + name);
  return at >= 0 && at + 1 < process.argv.length ? process.argv[at + 1] : fallback;
}

const port = Number(option('port', '3000'));
const pairs = Number(option('pairs', '100'));
const secret = process.env.CHAT_JWT_SECRET;
if (!secret) {
  console.error('CHAT_JWT_SECRET is required');
  process.exit(2);
}

/** clinician ids by patient id, and patient ids by clinician id: who may message whom */
const careOf = new Map();
for (let i = 0; i < pairs; i++) {
  careOf.set('p' + i, new Set(['d' + i]));
  careOf.set('d' + i, new Set(['p' + i]));
}
const messages = [];
const lastSeq = new Map();

const server = http.createServer((request, response) => {
  if (request.method === 'GET' && request.url === '/health') {
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.end('{"status":"ok"}');
    return;
  }
  response.writeHead(404);
  response.end();
});

const io = new Server(server, { transports: ['websocket'], serveClient: false, maxHttpBufferSize: 1e6 });

io.use((socket, next) => {
  try {
    const claims = jwt.verify(String(socket.handshake.auth && socket.handshake.auth.token), secret,
      { algorithms: ['HS256'] });
    socket.data.userId = claims.sub;
    next();
  } catch (e) {
    next(new Error('unauthorized'));
  }
});

io.on('connection', (socket) => {
  const userId = socket.data.userId;
  socket.join(userId);
  socket.on('send_message', (data) => {
    const receiverId = data && data.receiverId;
    const allowed = careOf.get(userId);
    if (!allowed || !allowed.has(receiverId) || typeof data.content !== 'string' || data.content.length === 0) {
      socket.emit('error', { code: 'FORBIDDEN', message: 'no care relationship' });
      return;
    }
    const key = userId < receiverId ? userId + '|' + receiverId : receiverId + '|' + userId;
    const seq = (lastSeq.get(key) || 0) + 1;
    lastSeq.set(key, seq);
    const message = {
      _id: crypto.randomUUID(),
      sender: userId,
      receiver: receiverId,
      content: data.content,
      messageType: data.messageType || 'text',
      clientMessageId: data.clientMessageId,
      seq,
      isRead: false,
      createdAt: new Date().toISOString(),
    };
    messages.push(message);
    socket.emit('message_sent', { message });
    io.to(receiverId).emit('new_message', { message });
  });
});

server.listen(port, '127.0.0.1', () => console.log('peer listening on ' + port + ' with ' + pairs + ' pairs'));
process.on('SIGTERM', () => {
  io.close();
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
});
