"""svcq plugin ``big_customer_service``: Poly's 大客服, one standard for everyone.

Everyone is customer service (人人是客服): any staff member of the community
may receive a request and answers for it as its first receiver; the core
already guarantees that, and this plugin's tests hold it to it. One standard
(同一思维): no customer tiers, so the plugin declares a conflict with
``vip_butler`` and, where it wins, no tier changes routing, deadlines or
order. Standards simplified (简化思维): one response and completion limit for
every non-emergency request. See docs/plugins/big_customer_service.md.
"""
