import { Link } from '../../app/Link';
import { lakeHref } from '../../app/router';
import { crumbsOf } from './lake-paths';
import { PartitionName } from './PartitionName';

/** Where in the lake the user is: the root, then each folder down to the current one. */
export function Breadcrumbs({ path }: { path: string }) {
  const crumbs = crumbsOf(path);
  return (
    <nav aria-label="Folder" className="lake-crumbs" data-testid="lake-breadcrumbs">
      <ol>
        <li>{crumbs.length === 0 ? <span aria-current="page">Lake root</span> : <Link href={lakeHref('')}>Lake root</Link>}</li>
        {crumbs.map((crumb, i) => (
          <li key={crumb.path}>
            {i === crumbs.length - 1 ? (
              <span aria-current="page">
                <PartitionName name={crumb.name} />
              </span>
            ) : (
              <Link href={lakeHref(crumb.path)}>
                <PartitionName name={crumb.name} />
              </Link>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
