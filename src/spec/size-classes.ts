import type { SizeClassName } from './cluster-spec';

/** vCPU and memory of each size class; every target maps a class to an instance type with exactly these. */
export interface SizeClass {
  readonly vcpu: number;
  readonly memoryGiB: number;
}

/** The size classes the design card names (small 2/4, medium 2/8, large 4/16). */
export const SIZE_CLASSES: Readonly<Record<SizeClassName, SizeClass>> = {
  small: { vcpu: 2, memoryGiB: 4 },
  medium: { vcpu: 2, memoryGiB: 8 },
  large: { vcpu: 4, memoryGiB: 16 },
};

export const SIZE_CLASS_NAMES = Object.keys(SIZE_CLASSES) as SizeClassName[];
