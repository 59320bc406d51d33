"""``svcq fivestep stars --community ID``: the invitation list, from a running server."""

from __future__ import annotations

import argparse

import grpc

from svcq_fivestep.v1 import fivestep_pb2 as pb
from svcq_fivestep.v1 import fivestep_pb2_grpc


def configure(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="fivestep_command", required=True, metavar="action")
    stars = actions.add_parser("stars", help="owners by star points, highest first")
    stars.add_argument("--community", required=True, help="community id")
    stars.add_argument("--min-stars", type=int, default=0, help="only owners with this many")
    stars.add_argument("--limit", type=int, default=0, help="at most this many (0: all)")
    stars.add_argument("--address", default="127.0.0.1:50051", help="server HOST:PORT")


def run(args: argparse.Namespace) -> int:
    with grpc.insecure_channel(args.address) as channel:
        stub = fivestep_pb2_grpc.FiveStepServiceStub(channel)
        try:
            answer = stub.ListStarCustomers(pb.ListStarCustomersRequest(
                community_id=args.community, min_stars=args.min_stars, limit=args.limit))
        except grpc.RpcError as error:
            print(f"svcq fivestep: {error.code().name}: {error.details()}")
            return 1
    print(f"{'rank':>4}  {'stars':>5}  {'points':>6}  owner")
    for c in answer.customers:
        print(f"{c.rank:>4}  {c.stars:>5}  {c.points:>6}  {c.owner_id}")
    return 0
