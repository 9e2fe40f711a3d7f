/** Loopback ports for the services: consecutive from a base, or free ones picked by the OS. */
import { createServer } from 'node:net';
import { SERVICE_NAMES } from './topology.ts';
import type { PortMap, ServiceName } from './topology.ts';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** `base` 0: free ports; otherwise base, base+1, … in SERVICE_NAMES order. */
export async function servicePorts(base: number): Promise<PortMap> {
  const ports = base > 0 ? SERVICE_NAMES.map((_, i) => base + i) : await Promise.all(SERVICE_NAMES.map(() => freePort()));
  return Object.fromEntries(SERVICE_NAMES.map((name, i) => [name, ports[i]!])) as Record<ServiceName, number>;
}
