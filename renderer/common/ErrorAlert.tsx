/** An error the user must see, announced to screen readers as it appears. */
export const ErrorAlert = ({ message }: { message: string | undefined }) =>
  message === undefined ? null : (
    <p role="alert" className="error">
      {message}
    </p>
  );
