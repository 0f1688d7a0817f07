import { Observable } from 'rxjs';
import type { Future } from '../Future';
import { CancelledError } from '../errors/CancelledError';
import { cancelOrAbort } from '../internal/cancelOrAbort';
import { StreamChannel } from './StreamChannel';

/**
 * The cold Observable behind `Executor.stream`: each subscription opens a {@link StreamChannel} to the subscriber
 * and starts the task with `start(channel)`. The task's future ending completes the stream (or errors it with the
 * task's error); unsubscribing closes the channel (the task's iterator is returned) and cancels the task if it is
 * still queued or aborts it if it is running.
 */
export function streamObservable<T>(start: (channel: StreamChannel<T>) => Future<unknown>, highWaterMark: number): Observable<T> {
  return new Observable<T>((subscriber) => {
    const channel = new StreamChannel<T>(highWaterMark, (value) => subscriber.next(value));
    let future: Future<unknown>;
    try {
      future = start(channel);
    } catch (error) {
      subscriber.error(error);
      return undefined;
    }
    const onDone = () => {
      channel.close();
      if (future._hasFailed() || future.cancelled()) future._deliver(subscriber as never);
      else subscriber.complete();
    };
    if (future.done()) onDone();
    else future._listen(onDone);
    return () => {
      future._unlisten(onDone);
      if (future.done()) return;
      channel.close();
      cancelOrAbort([future], new CancelledError('unsubscribed from stream()'));
    };
  });
}
