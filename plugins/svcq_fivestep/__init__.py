"""svcq plugin ``fivestep``: the five steps and one method (五步一法, Vanke).

Know, understand, help, comprehend and touch the customer: welcome packs and
visits on move-in, staff knowledge checks before working alone, the star
customer method, security liaisons' monthly return visits, help and care
visits, appliance load checks, housewarming visits and holiday greetings.
See docs/plugins/fivestep.md. The hooks are in :mod:`svcq_fivestep.plugin`
(the entry point), the rules in :mod:`svcq_fivestep.rules`.
"""
