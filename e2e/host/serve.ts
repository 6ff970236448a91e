import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * A third-party blog for the embed test: another origin (its own port) serving one page that
 * pastes redis-sim's snippet, with the app's address filled in.
 */
const port = Number(process.env.HOST_PORT ?? 4174);
const app = process.env.APP_URL ?? 'http://127.0.0.1:4173/';
const read = (name: string) => readFileSync(fileURLToPath(new URL(name, import.meta.url)), 'utf8');
const page = read('./blog-post.html');
const five = read('./five-embeds.html');

createServer((req, res) => {
  if (req.url === '/' || req.url?.startsWith('/?')) {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(page.replaceAll('__APP__', app));
  } else if (req.url === '/five-embeds.html') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(five.replaceAll('__APP__', app));
  } else {
    res.writeHead(404).end();
  }
}).listen(port, '127.0.0.1');
