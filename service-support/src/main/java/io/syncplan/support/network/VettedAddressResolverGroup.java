package io.syncplan.support.network;

import io.netty.resolver.AbstractAddressResolver;
import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Promise;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import reactor.core.scheduler.Scheduler;

/**
 * An HTTP client's only way to find the address of a webhook or an HTTP hook: each host is resolved
 * and checked by the {@link NetworkPolicy} in one step, and the client connects to exactly the
 * addresses that passed. Nothing resolves the name a second time, so a name that points elsewhere a
 * moment after the check (DNS rebinding) still gets the address that was checked. Addresses written
 * as digits are checked too: no address counts as resolved already.
 */
public final class VettedAddressResolverGroup extends AddressResolverGroup<InetSocketAddress> {

  private final NetworkPolicy policy;
  private final Scheduler lookups;

  /**
   * @param lookups where the blocking name lookups run, off the event loop
   */
  public VettedAddressResolverGroup(NetworkPolicy policy, Scheduler lookups) {
    this.policy = policy;
    this.lookups = lookups;
  }

  @Override
  protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
    return new Resolver(executor);
  }

  private final class Resolver extends AbstractAddressResolver<InetSocketAddress> {

    Resolver(EventExecutor executor) {
      super(executor, InetSocketAddress.class);
    }

    @Override
    protected boolean doIsResolved(InetSocketAddress address) {
      return false;
    }

    @Override
    protected void doResolve(InetSocketAddress address, Promise<InetSocketAddress> promise) {
      lookups.schedule(
          () -> {
            try {
              promise.trySuccess(vetted(address).get(0));
            } catch (Exception e) {
              promise.tryFailure(e);
            }
          });
    }

    @Override
    protected void doResolveAll(
        InetSocketAddress address, Promise<List<InetSocketAddress>> promise) {
      lookups.schedule(
          () -> {
            try {
              promise.trySuccess(vetted(address));
            } catch (Exception e) {
              promise.tryFailure(e);
            }
          });
    }

    private List<InetSocketAddress> vetted(InetSocketAddress address) throws Exception {
      int port = address.getPort();
      List<InetAddress> addresses = policy.vet(new Destination(address.getHostString(), port));
      return addresses.stream().map(vetted -> new InetSocketAddress(vetted, port)).toList();
    }
  }
}
