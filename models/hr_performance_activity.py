# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Activities for many records at once, in a fixed number of queries.

``mail.activity.create`` subscribes each assignee to the record one user at a time and
e-mails each of them. For batches (the check-in scheduler, a cycle launch) the
followers are inserted here in one create, and the records' ``message_subscribe``
skips the per-user subscription when ``FOLLOWERS_INSERTED`` is in the context. No
e-mail is sent per activity: the activity in the assignee's systray is the reminder.
"""

from .hr_performance_guard import clean_sudo

FOLLOWERS_INSERTED = "hr_performance_followers_inserted"
TODO = "mail.mail_activity_data_todo"
REVIEWERS = "hr_performance.mail_activity_type_reviewers"  # 360 reviewers to approve


def create_activities(env, res_model, vals_list):
    """Create the activities of ``vals_list`` (on ``res_model``) and their followers."""
    if not vals_list:
        return env["mail.activity"]
    users = env["res.users"].browse({vals["user_id"] for vals in vals_list})
    # sudo: the assignees' partners, to make them followers
    partner_of = {user.id: user.partner_id.id for user in users.sudo()}
    wanted = {(vals["res_id"], partner_of[vals["user_id"]]) for vals in vals_list}
    insert_followers(env, res_model, wanted)
    # activities of a step its caller was checked for, to readers only
    return (
        clean_sudo(env["mail.activity"])
        .with_context(mail_activity_quick_update=True, **{FOLLOWERS_INSERTED: True})
        .create(vals_list)
    )


def insert_followers(env, res_model, wanted):
    """Make each partner a follower of its record, ``wanted`` being a set of
    (record id, partner id), in one search and one create: the records'
    ``message_subscribe`` skips them when ``FOLLOWERS_INSERTED`` is in the context."""
    Followers = clean_sudo(env["mail.followers"])
    existing = {
        (follower.res_id, follower.partner_id.id)
        for follower in Followers.search(
            [
                ("res_model", "=", res_model),
                ("res_id", "in", list({res_id for res_id, _partner in wanted})),
            ]
        )
    }
    subtypes = env["mail.message.subtype"].default_subtypes(res_model)[0]
    return Followers.create(
        [
            {
                "res_model": res_model,
                "res_id": res_id,
                "partner_id": partner_id,
                "subtype_ids": [(6, 0, subtypes.ids)],
            }
            for res_id, partner_id in sorted(wanted - existing)
        ]
    )


def close_activities(records, pairs=None, cancel=False, activity_type=None):
    """Close the activities the addon created on ``records``, in one search: marked
    done (what they asked for is done) or, with ``cancel``, removed (it no longer
    applies). ``pairs``: only those of these ``{(res_id, user_id)}``;
    ``activity_type``: only those of this type (xml id). Activities people planned
    themselves (not ``automated``) are left alone."""
    if not records:
        return records.env["mail.activity"]
    domain = [
        ("res_model", "=", records._name),
        ("res_id", "in", records.ids),
        ("automated", "=", True),
    ]
    if activity_type:
        domain.append(("activity_type_id", "=", records.env.ref(activity_type).id))
    # activities of a step its caller was checked for
    activities = clean_sudo(records.env["mail.activity"]).search(domain)
    if pairs is not None:
        activities = activities.filtered(
            lambda act: (act.res_id, act.user_id.id) in pairs
        )
    if cancel:
        activities.unlink()
    elif activities:
        mark_done(activities)
    return activities


def mark_done(activities):
    """Mark ``activities`` done as Odoo does (its own "done" note on each record,
    by the current user, then the activity removed), with the notes inserted in one
    create: ``mail.activity.action_feedback`` posts them one by one. Types that keep
    done activities, or chain a next one, go through Odoo's own path."""
    special = activities.filtered(
        lambda act: act.activity_type_id.keep_done
        or act.activity_type_id.chaining_type == "trigger"
    )
    if special:
        special.action_feedback()
    activities -= special
    if not activities:
        return
    env = activities.env
    QWeb = env["ir.qweb"]
    author_id, email_from = env["mail.thread"]._message_compute_author(
        raise_on_email=False
    )
    base = {
        "message_type": "notification",
        "subtype_id": env["ir.model.data"]._xmlid_to_res_id("mail.mt_activities"),
        "author_id": author_id,
        "email_from": email_from,
        "record_name": False,
        "reply_to": env["mail.thread"]._notify_get_reply_to(default=email_from)[False],
    }
    # the done notes of activities closed by a step its caller was checked for
    clean_sudo(env["mail.message"]).create(
        [
            {
                **base,
                "model": act.res_model,
                "res_id": act.res_id,
                "mail_activity_type_id": act.activity_type_id.id,
                "body": QWeb._render(
                    "mail.message_activity_done",
                    {
                        "activity": act,
                        "feedback": False,
                        "display_assignee": act.user_id != env.user,
                    },
                ),
            }
            for act in activities
        ]
    )
    activities.unlink()
