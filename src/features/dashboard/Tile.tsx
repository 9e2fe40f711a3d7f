/** One dashboard tile: a region named by its title with the big number, unit, context and sparkline. */
import { Link } from 'react-router';
import { Sparkline } from './Sparkline';
import type { TileModel } from './tiles';

export function Tile({ tile, href, linkLabel }: { tile: TileModel; href?: string; linkLabel?: string }) {
  const figure = (
    <>
      <span className="dash-tile-value" title={tile.exact}>
        {tile.value}
      </span>{' '}
      {tile.unit && <span className="dash-tile-unit">{tile.unit}</span>}
    </>
  );
  return (
    <section className="dash-tile" role="region" aria-label={tile.title} data-tile={tile.id}>
      <h2 className="dash-tile-title">{tile.title}</h2>
      <div className="dash-tile-figure">
        {href ? (
          <Link to={href} aria-label={linkLabel} className="dash-tile-link">
            {figure}
          </Link>
        ) : (
          figure
        )}
      </div>
      <p className="dash-tile-context">{tile.context}</p>
      {tile.spark ? <Sparkline values={tile.spark} /> : <div className="dash-spark dash-spark-none" aria-hidden="true" />}
    </section>
  );
}

/** The tile in its final layout while the figures load. */
export function TileSkeleton({ title }: { title: string }) {
  return (
    <section className="dash-tile" role="region" aria-label={title} aria-busy="true">
      <h2 className="dash-tile-title">{title}</h2>
      <div className="dash-tile-figure">
        <span className="dash-skel dash-skel-value" />
      </div>
      <p className="dash-tile-context">
        <span className="dash-skel dash-skel-line" />
      </p>
      <div className="dash-spark dash-skel dash-skel-spark" aria-hidden="true" />
    </section>
  );
}
