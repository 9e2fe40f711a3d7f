/**
 * The demo's twelve services: name, version and which OTLP exporter each uses (about half gRPC,
 * half HTTP/protobuf, as in a real fleet that grew over time).
 */
export type OtlpProtocol = 'grpc' | 'http/protobuf';

export interface ServiceSpec {
  readonly name: ServiceName;
  readonly version: string;
  readonly protocol: OtlpProtocol;
}

export const SERVICE_NAMES = [
  'edge-gateway',
  'justkalm-api',
  'auth-service',
  'catalog-service',
  'pricing-service',
  'ml-service',
  'inventory-service',
  'cart-service',
  'checkout-service',
  'payment-service',
  'notification-service',
  'search-service',
] as const;

export type ServiceName = (typeof SERVICE_NAMES)[number];

export const SERVICES: readonly ServiceSpec[] = SERVICE_NAMES.map((name, i) => ({
  name,
  version: `1.${4 + (i % 5)}.${(i * 7) % 10}`,
  protocol: i % 2 === 0 ? 'grpc' : 'http/protobuf',
}));

/** Loopback port of each service, handed to every child so they can call each other. */
export type PortMap = Readonly<Record<ServiceName, number>>;

export const DEPLOYMENT_ENVIRONMENT = 'demo';
