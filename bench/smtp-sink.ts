import { SMTPServer } from 'smtp-server';

/** An SMTP server that accepts and discards mail, run as its own process so it does not share a CPU thread with a sender. */
const port = Number(process.argv[2] ?? 2525);
const server = new SMTPServer({
  authOptional: true, disabledCommands: ['STARTTLS'], logger: false, maxClients: 1000,
  onData(stream, _session, cb) {
    stream.on('data', () => {});
    stream.on('end', () => cb());
  },
});
server.on('error', () => {});
server.listen(port, '127.0.0.1', () => process.send?.('ready'));
