// A router link that looks like a button (for actions that navigate).

import { Link, type LinkProps } from 'react-router';
import { type ButtonVariant, buttonClassName } from '@/components/ui/button';

export type ButtonLinkProps = LinkProps & { variant?: ButtonVariant; size?: 'md' | 'sm' };

export function ButtonLink({ variant = 'secondary', size = 'md', className, ...rest }: ButtonLinkProps) {
  return <Link className={buttonClassName(variant, size, className)} {...rest} />;
}
