import { FileOpener } from './FileOpener';
import { TraceSummaryTable } from './TraceSummaryTable';
import { useOpenedFiles } from './openedFilesStore';
import '../pages/pages.css';
import './files.css';

export function FilesPage() {
  const { files, traces } = useOpenedFiles();
  return (
    <section aria-labelledby="files-title" className="home">
      <h1 id="files-title">Trace files</h1>
      <p className="muted">
        Paste a trace ID or a <code>traceparent</code> header in the box above (press <kbd>/</kbd>), or open a trace file.
      </p>
      <FileOpener />
      {files.length > 0 && (
        <>
          <h2>Opened files</h2>
          <ul className="plain-list" aria-label="Opened files">
            {files.map((file, i) => (
              <li key={`${file.name}-${i}`}>
                <span className="mono">{file.name}</span>{' '}
                {file.error ? (
                  <span className="error-text" role="alert">
                    {file.error}
                  </span>
                ) : (
                  <span className="muted">
                    {file.format}, {file.spanCount} spans{file.issues.length > 0 && `, ${file.issues.length} issues`}
                  </span>
                )}
                {file.issues.length > 0 && (
                  <ul className="warn-text">
                    {file.issues.slice(0, 20).map((issue) => (
                      <li key={issue}>{issue}</li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
          <h2>
            Traces <span className="from-file-badge">from file</span>
          </h2>
          <p className="muted">Read from the files above, in this browser tab only: they are not in any source and are gone after a reload.</p>
          <TraceSummaryTable traces={traces} />
        </>
      )}
    </section>
  );
}
