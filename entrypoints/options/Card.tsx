import type { ComponentChildren } from 'preact';

export interface CardProps {
  id: string;
  title: string;
  intro?: string;
  children: ComponentChildren;
}

/** One section of the options page, reachable from the navigation by its id. */
export function Card({ id, title, intro, children }: CardProps) {
  return (
    <section id={id} class="opt-card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {intro && <p class="opt-intro">{intro}</p>}
      {children}
    </section>
  );
}
