import { describe, expect, it } from 'vitest';
import { SERVICE_PALETTE, serviceColor } from './serviceColor';

describe('serviceColor', () => {
  it('is stable for a name and comes from the palette', () => {
    expect(serviceColor('checkout-service')).toBe(serviceColor('checkout-service'));
    expect(SERVICE_PALETTE).toContain(serviceColor('checkout-service'));
  });
  it('spreads twelve services over at least eight hues', () => {
    const names = ['edge-gateway', 'justkalm-api', 'auth-service', 'catalog-service', 'pricing-service', 'ml-service',
      'inventory-service', 'cart-service', 'checkout-service', 'payment-service', 'notification-service', 'search-service'];
    expect(new Set(names.map(serviceColor)).size).toBeGreaterThanOrEqual(8);
  });
});
